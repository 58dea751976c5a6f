using System.Text.Json.Serialization;
using WireEdge.Brig.Clients;
using WireEdge.Brig.Connections;
using WireEdge.Brig.Prekeys;
using WireEdge.Contracts.Ids;

namespace WireEdge.Brig.Internal;

/// <summary>Source-generated JSON metadata of brig's device side.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NewClientBody))]
[JsonSerializable(typeof(UpdateClientBody))]
[JsonSerializable(typeof(DeleteClientBody))]
[JsonSerializable(typeof(ClientView))]
[JsonSerializable(typeof(List<ClientView>))]
[JsonSerializable(typeof(List<PubClient>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(ListClientsBody))]
[JsonSerializable(typeof(QualifiedUserClients))]
[JsonSerializable(typeof(ClientAddEvent[]))]
[JsonSerializable(typeof(ClientRemoveEvent[]))]
[JsonSerializable(typeof(Prekey))]
[JsonSerializable(typeof(ClientPrekey))]
[JsonSerializable(typeof(PrekeyBundle))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<Guid, List<ClientId>>>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<Guid, Dictionary<ClientId, Prekey?>>>))]
[JsonSerializable(typeof(QualifiedPrekeyMap))]
[JsonSerializable(typeof(UserConnectionView))]
[JsonSerializable(typeof(ConnectionUpdateBody))]
[JsonSerializable(typeof(ListConnectionsBody))]
[JsonSerializable(typeof(ConnectionPage))]
[JsonSerializable(typeof(ConnectionEvent[]))]
[JsonSerializable(typeof(UserIdsBody))]
[JsonSerializable(typeof(UserClientIds))]
[JsonSerializable(typeof(AcceptedConnectionsBody))]
[JsonSerializable(typeof(ClientActiveBody))]
[JsonSerializable(typeof(UserSummaries))]
public sealed partial class DevicesJsonContext : JsonSerializerContext;
