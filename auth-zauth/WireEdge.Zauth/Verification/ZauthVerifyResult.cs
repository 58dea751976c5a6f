namespace WireEdge.Zauth;

/// <summary>Outcome of verifying a token.</summary>
public enum ZauthVerifyStatus
{
    /// <summary>Signature, key index and expiry are fine.</summary>
    Valid,

    /// <summary>The signature does not match the signed bytes.</summary>
    Falsified,

    /// <summary>Validly signed but past its expiry.</summary>
    Expired,

    /// <summary>Unparsable, unknown key index, unknown type, bad signature encoding.</summary>
    Invalid,
}

/// <summary>A verification outcome; <see cref="Token"/> is set when <see cref="ZauthVerifyStatus.Valid"/> and when
/// <see cref="ZauthVerifyStatus.Expired"/> (so <c>/access</c> can renew an expired access token).</summary>
public readonly record struct ZauthVerifyResult(ZauthVerifyStatus Status, ZauthToken? Token)
{
    public bool IsValid => Status == ZauthVerifyStatus.Valid;

    internal static ZauthVerifyResult Invalid => new(ZauthVerifyStatus.Invalid, null);

    internal static ZauthVerifyResult Falsified => new(ZauthVerifyStatus.Falsified, null);
}
