namespace WireEdge.Brig.Accounts;

/// <summary>Outcome of checking an activation code.</summary>
public enum ActivationCheck
{
    Valid,
    Invalid,
    Missing,
}

/// <summary>Pending e-mail activation codes (<c>brig_activation_codes</c>), keyed by lower-cased e-mail.</summary>
public interface IActivationStore
{
    /// <summary>Stores a fresh code for the e-mail (replacing any earlier one).</summary>
    Task PutAsync(string emailKey, string code, long expiresMillis, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a code; a wrong guess counts an attempt and drops the code after <paramref name="maxAttempts"/>.
    /// A valid code is marked verified (pre-registration activation) unless <paramref name="dryRun"/>.
    /// </summary>
    Task<ActivationCheck> CheckAsync(string emailKey, string code, long nowMillis, int maxAttempts, bool dryRun, CancellationToken cancellationToken = default);

    Task DeleteAsync(string emailKey, CancellationToken cancellationToken = default);
}
