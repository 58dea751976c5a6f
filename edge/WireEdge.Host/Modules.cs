using WireEdge.Brig;
using WireEdge.Cannon;
using WireEdge.Cargohold;
using WireEdge.Edge;
using WireEdge.Galley;
using WireEdge.Gundeck;
using WireEdge.Hosting.Modules;

namespace WireEdge.Host;

/// <summary>Every service this binary can run; the order is the pipeline order (edge first).</summary>
public static class Modules
{
    public static IReadOnlyList<IServiceModule> All() =>
    [
        new EdgeModule(),
        new CannonModule(),
        new GundeckModule(),
        new BrigModule(),
        new GalleyModule(),
        new CargoholdModule(),
    ];
}
