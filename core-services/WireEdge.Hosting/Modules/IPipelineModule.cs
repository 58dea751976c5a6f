using Microsoft.AspNetCore.Builder;

namespace WireEdge.Hosting.Modules;

/// <summary>
/// A module that adds middleware in front of versioning and routing (the edge: zauth, limits,
/// forwarding; cannon: websockets). Called in module order after the public guard.
/// </summary>
public interface IPipelineModule
{
    void UsePipeline(WebApplication app);
}

/// <summary>A module that needs the public listener in its process (edge, cannon).</summary>
public interface IPublicListenerModule;
