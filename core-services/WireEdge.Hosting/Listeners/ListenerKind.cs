using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace WireEdge.Hosting.Listeners;

/// <summary>Which listener a connection arrived on. Internal routes answer only on <see cref="Internal"/>.</summary>
public enum ListenerKind
{
    Public,
    Internal,
}

public static class ListenerKindExtensions
{
    internal const string ItemKey = "wireedge.listener";

    /// <summary>The listener kind of the request's connection (connections not tagged count as public).</summary>
    public static ListenerKind Listener(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        return items is not null && items.TryGetValue(ItemKey, out var v) && v is ListenerKind k ? k : ListenerKind.Public;
    }

    public static bool IsInternal(this HttpContext context) => context.Listener() == ListenerKind.Internal;
}
