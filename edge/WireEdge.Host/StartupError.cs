using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace WireEdge.Host;

/// <summary>Turns a failure at start into one clear line naming the setting.</summary>
internal static class StartupError
{
    public static string? Describe(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case OptionsValidationException o:
                    return string.Join("; ", o.Failures);
                case IOException io when io.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                    return $"Listen: {io.Message.TrimEnd('.')} (change Listen:PublicPort or Listen:InternalPort)";
                case InvalidOperationException ioe when ioe.Message.Contains(':', StringComparison.Ordinal) && ioe.Message.Split(':')[0].Contains('.', StringComparison.Ordinal) is false && char.IsUpper(ioe.Message[0]):
                    return ioe.Message;
                case FileNotFoundException or UnauthorizedAccessException or DirectoryNotFoundException:
                    return x.Message;
            }
        }

        return null;
    }
}
