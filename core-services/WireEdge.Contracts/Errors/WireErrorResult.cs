using Microsoft.AspNetCore.Http;
using System.Text.Json;
using WireEdge.Contracts.Json;

namespace WireEdge.Contracts.Errors;

/// <summary>An <see cref="IResult"/> writing a <see cref="WireError"/> with its status code.</summary>
public sealed class WireErrorResult(WireError error) : IResult, IStatusCodeHttpResult
{
    public WireError Error { get; } = error;

    public int? StatusCode => Error.Code;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return WriteAsync(httpContext.Response, Error);
    }

    /// <summary>Writes a Wire error directly to a response (middleware use).</summary>
    public static async Task WriteAsync(HttpResponse response, WireError error)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(error);
        response.StatusCode = error.Code;
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, error, ContractsJsonContext.Default.WireError, response.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
