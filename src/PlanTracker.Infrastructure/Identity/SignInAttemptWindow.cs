namespace PlanTracker.Infrastructure.Identity;

/// <summary>
/// Sign-in attempts from one client address in its current minute (which starts at its first attempt), counted in
/// PostgreSQL so that every instance behind the load balancer spends the same allowance. Written only by
/// <c>Features/Account/SignInRateLimit</c>, in one atomic upsert.
/// </summary>
public sealed class SignInAttemptWindow
{
    private SignInAttemptWindow()
    {
        Address = string.Empty;
    }

    /// <summary>The client's address as the app sees it (behind the TLS proxy: the forwarded one).</summary>
    public string Address { get; private set; }

    /// <summary>When the address's current minute began (PostgreSQL's clock, the same for every instance).</summary>
    public DateTimeOffset WindowStart { get; private set; }

    public int Attempts { get; private set; }
}
