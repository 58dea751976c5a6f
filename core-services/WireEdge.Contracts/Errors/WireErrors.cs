using Microsoft.AspNetCore.Http;

namespace WireEdge.Contracts.Errors;

/// <summary>Factory for Wire error results used by every service.</summary>
public static class WireErrors
{
    public static WireErrorResult Of(int code, string label, string message) => new(new WireError(code, label, message));

    public static WireErrorResult BadRequest(string message = "Bad request", string label = "bad-request")
        => Of(StatusCodes.Status400BadRequest, label, message);

    public static WireErrorResult Unauthorized(string message = "Invalid token", string label = "invalid-token")
        => Of(StatusCodes.Status401Unauthorized, label, message);

    public static WireErrorResult Forbidden(string label, string message) => Of(StatusCodes.Status403Forbidden, label, message);

    public static WireErrorResult AccessDenied() => Of(StatusCodes.Status403Forbidden, "access-denied", "Access denied");

    public static WireErrorResult NotFound(string message = "Not found", string label = "not-found")
        => Of(StatusCodes.Status404NotFound, label, message);

    public static WireErrorResult Conflict(string label, string message) => Of(StatusCodes.Status409Conflict, label, message);

    public static WireErrorResult TooLarge(string message = "Request body too large", string label = "client-error")
        => Of(StatusCodes.Status413PayloadTooLarge, label, message);

    public static WireErrorResult ServerError() => Of(StatusCodes.Status500InternalServerError, "server-error", "Server Error");

    public static WireErrorResult UnsupportedVersion(string message) => Of(StatusCodes.Status404NotFound, "unsupported-version", message);
}
