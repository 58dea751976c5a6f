using System.Text.Json;
using Microsoft.Extensions.Options;
using WireEdge.Brig.Configuration;
using WireEdge.Brig.Json;
using WireEdge.Contracts.Ids;
using WireEdge.Hosting.Options;

namespace WireEdge.Brig.Users;

/// <summary>Renders stored users as the <c>User</c> (self) and <c>UserProfile</c> (others) JSON objects.</summary>
public sealed class UserRenderer(IOptions<WireOptions> wire, IOptions<BrigOptions> brig)
{
    public string Domain { get; } = wire?.Value.Domain ?? throw new ArgumentNullException(nameof(wire));

    public QualifiedId Qualify(Guid id) => new(id, Domain);

    /// <summary>The user's own view (<c>GET /self</c>).</summary>
    public UserJson Self(UserRow user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var activated = user.EmailActivated || !brig.Value.RequireActivation;
        return new UserJson
        {
            QualifiedId = Qualify(user.Id),
            Id = user.Id,
            Name = user.Name,
            TextStatus = user.TextStatus,
            AccentId = user.AccentId,
            Assets = ParseAssets(user.Assets),
            Email = activated ? user.Email : null,
            EmailUnvalidated = user.EmailActivated ? null : user.Email,
            Handle = user.Handle,
            Locale = user.Locale,
            Status = StatusText(user.Status),
            Team = user.Team,
            ManagedBy = "wire",
            Deleted = user.IsDeleted ? true : null,
            Searchable = user.Searchable,
        };
    }

    /// <summary>Another user's view (<c>GET /users/:d/:id</c>, <c>POST /list-users</c>).</summary>
    public UserJson Profile(UserRow user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserJson
        {
            QualifiedId = Qualify(user.Id),
            Id = user.Id,
            Name = user.Name,
            TextStatus = user.TextStatus,
            AccentId = user.AccentId,
            Assets = ParseAssets(user.Assets),
            Handle = user.Handle,
            Team = user.Team,
            Deleted = user.IsDeleted ? true : null,
            LegalholdStatus = user.Team is null ? "no_consent" : "disabled",
            Searchable = user.Searchable,
        };
    }

    public static string StatusText(UserStatus status) => status switch
    {
        UserStatus.Suspended => "suspended",
        UserStatus.Deleted => "deleted",
        UserStatus.Ephemeral => "ephemeral",
        UserStatus.PendingInvitation => "pending-invitation",
        _ => "active",
    };

    public static List<UserAsset> ParseAssets(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, BrigJsonContext.Default.ListUserAsset) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
