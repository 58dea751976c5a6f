#if WIREEDGE_FAULT_DROP_ONE_PUSH
namespace WireEdge.Gundeck.Push;

/// <summary>
/// Test-build fault (<c>dotnet build -p:WireEdgeFaults=DropOnePush</c>; absent from normal builds): the
/// <see cref="PushAfter"/>th push with at least two recipients loses its first recipient before it is stored and
/// delivered, while the caller still gets its 2xx. That recipient can never see it (no live frame, nothing to
/// catch up), so a delivery oracle must report exactly one missing delivery. Proves the load tests catch a lost push.
/// </summary>
internal static class DropOnePushFault
{
    public const int PushAfter = 20;
    private static int seen;

    public static Contracts.Push.PushRequest Apply(Contracts.Push.PushRequest p)
    {
        if (p.Recipients.Count < 2 || Interlocked.Increment(ref seen) != PushAfter)
        {
            return p;
        }

        Console.Error.WriteLine($"FAULT DropOnePush: push #{PushAfter} acknowledged without recipient {p.Recipients[0].User}");
        return new Contracts.Push.PushRequest
        {
            Recipients = [.. p.Recipients.Skip(1)],
            Payload = p.Payload,
            Origin = p.Origin,
            OriginConnection = p.OriginConnection,
            Connections = p.Connections,
            Transient = p.Transient,
            NativeIncludeOrigin = p.NativeIncludeOrigin,
            NativeEncrypt = p.NativeEncrypt,
            NativePriority = p.NativePriority,
        };
    }
}
#endif
