using BenchmarkDotNet.Attributes;
using WireEdge.Zauth;

namespace WireEdge.Benchmarks.Zauth;

/// <summary>ACL matching with the default ACL; must not allocate.</summary>
[MemoryDiagnoser]
public class ZauthAclBenchmarks
{
    private readonly ZauthAcl _acl = ZauthAcl.Default;

    [Params(
        "/v6/conversations/4ee8e8b4-2d0f-4c9e-a8cf-6ab0e3c5f7a1/proteus/messages",
        "/bot/messages",
        "//notifications/")]
    public string Path { get; set; } = "";

    [Benchmark]
    public bool AclAccess() => _acl.IsAllowed(ZauthTokenType.Access, Path);

    [Benchmark]
    public bool AclBot() => _acl.IsAllowed(ZauthTokenType.Bot, Path);

    [Benchmark]
    public bool AclLegalHold() => _acl.IsAllowed(ZauthTokenType.LegalHoldAccess, Path);
}
