namespace WireEdge.Hosting.Modules;

/// <summary>Endpoint metadata: answer only on the internal listener (404 elsewhere).</summary>
public sealed class InternalOnlyMetadata
{
    public static readonly InternalOnlyMetadata Instance = new();
}
