using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WireEdge.Contracts.Errors;

namespace WireEdge.Hosting.Errors;

/// <summary>
/// Last line of defence: a request a client can send must never produce a bare 500. Bad requests
/// detected by the framework (malformed JSON, body too large) become Wire 400/413 bodies; anything
/// else is logged and answered with a Wire 500 body.
/// </summary>
public sealed partial class WireExceptionMiddleware(RequestDelegate next, ILogger<WireExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var error = e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => new WireError(413, "client-error", "Request body too large"),
                StatusCodes.Status415UnsupportedMediaType => new WireError(415, "unsupported-media-type", "Unsupported content type"),
                _ => new WireError(400, "bad-request", "Malformed request: " + Describe(e)),
            };
            await WireErrorResult.WriteAsync(context.Response, error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // client went away; nothing to answer
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogUnhandled(logger, e, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await WireErrorResult.WriteAsync(context.Response, new WireError(500, "server-error", "Server Error")).ConfigureAwait(false);
        }
    }

    private static string Describe(BadHttpRequestException e)
    {
        // Framework messages name the parameter and type, never the body content.
        var inner = e.InnerException?.Message;
        return inner is null ? e.Message : $"{e.Message} ({inner})";
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
