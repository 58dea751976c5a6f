using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;

namespace WireEdge.Galley.Http;

/// <summary>A pre-serialised JSON body with a status code (and optional Location).</summary>
public sealed class JsonBytesResult(ReadOnlyMemory<byte> body, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    public int StatusCode { get; } = statusCode;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = "application/json";
        httpContext.Response.ContentLength = Body.Length;
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        await httpContext.Response.Body.WriteAsync(Body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>Galley's error results (labels from wire-server's galley errors).</summary>
public static class GalleyErrors
{
    public static IResult NoConversation() => WireErrors.NotFound("Conversation not found", "no-conversation");

    public static IResult AccessDenied() => WireErrors.Forbidden("access-denied", "Conversation access denied");

    public static IResult NotConnected() => WireErrors.Forbidden("not-connected", "Users are not connected");

    public static IResult TooManyMembers() => WireErrors.Forbidden("too-many-members", "Maximum number of members per conversation reached");

    public static IResult InvalidOp(string message = "Invalid operation") => WireErrors.Forbidden("invalid-op", message);

    public static IResult ActionDenied(string action) => WireErrors.Forbidden("action-denied", $"Insufficient authorization (missing {action})");

    public static IResult NoConversationMember() => WireErrors.NotFound("Conversation member not found", "no-conversation-member");

    public static IResult UnknownClient() => WireErrors.Forbidden("unknown-client", "Unknown Client");

    public static IResult NoTeam() => WireErrors.NotFound("Team not found", "no-team");

    public static IResult NoTeamMember() => WireErrors.Forbidden("no-team-member", "Requesting user is not a team member");

    public static IResult MissingAuth() => WireErrors.Unauthorized("Missing or invalid Z-User", "missing-auth");

    public static IResult BadRequest(string message) => WireErrors.BadRequest(message);
}
