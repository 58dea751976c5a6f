namespace WireEdge.Cannon.Sockets;

/// <summary>A socket's identity: the user and the access token's connection id.</summary>
public readonly record struct SocketKey(Guid User, string Connection);
