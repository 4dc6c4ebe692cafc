using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Access;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.Evaluation;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Messages;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Identity;

namespace PlanTracker.Infrastructure.Persistence;

/// <param name="scope">What the person behind this context may see; every unit-scoped query is filtered by it.</param>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, IDataScopeSource scope)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>Read by the query filters at each query.</summary>
    public DataScope Scope => scope.Current;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();

    public DbSet<PlanNode> PlanNodes => Set<PlanNode>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<IndicatorLink> IndicatorLinks => Set<IndicatorLink>();

    public DbSet<OrgUnit> Units => Set<OrgUnit>();

    public DbSet<TaskAssignment> TaskAssignments => Set<TaskAssignment>();

    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();

    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();

    public DbSet<ProgressReportEvent> ProgressReportEvents => Set<ProgressReportEvent>();

    public DbSet<ProgressReportVersion> ProgressReportVersions => Set<ProgressReportVersion>();

    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    public DbSet<PortalMessage> PortalMessages => Set<PortalMessage>();

    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    public DbSet<Adjustment> Adjustments => Set<Adjustment>();

    public DbSet<AdjustmentChange> AdjustmentChanges => Set<AdjustmentChange>();

    public DbSet<AdjustmentEvidence> AdjustmentEvidence => Set<AdjustmentEvidence>();

    public DbSet<IssuedReport> IssuedReports => Set<IssuedReport>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<EarlyWarning> EarlyWarnings => Set<EarlyWarning>();

    public DbSet<MonitoredStatus> MonitoredStatuses => Set<MonitoredStatus>();

    public DbSet<SignInAttemptWindow> SignInAttemptWindows => Set<SignInAttemptWindow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        ApplyDataScope(builder);
    }

    /// <summary>
    /// The one place where the signed-in person's scope meets the data. A provincial account reaches its own unit's
    /// assignments, reports and values only (another unit's ids find nothing: a 404, not a hint); drafts are for planners.
    /// The filters read <see cref="Scope"/> of the context instance, so each request is filtered by its own user.
    /// </summary>
    private void ApplyDataScope(ModelBuilder builder)
    {
        builder.Entity<Plan>().HasQueryFilter(p => Scope.SeesDrafts || p.Status != PlanStatus.Draft);
        builder.Entity<PlanVersion>().HasQueryFilter(v => Scope.SeesDrafts || v.Status != PlanVersionStatus.Draft);
        builder.Entity<TaskAssignment>().HasQueryFilter(a => Scope.AllUnits || a.UnitId == Scope.UnitId);
        builder.Entity<ProgressReport>().HasQueryFilter(r => Scope.AllUnits || r.UnitId == Scope.UnitId);
        builder.Entity<IndicatorValue>().HasQueryFilter(v => Scope.AllUnits || v.UnitId == null || v.UnitId == Scope.UnitId);
        builder.Entity<EvidenceFile>().HasQueryFilter(e => Scope.AllUnits || e.UnitId == Scope.UnitId);
        builder.Entity<PortalMessage>().HasQueryFilter(m => Scope.AllUnits || m.UnitId == Scope.UnitId);

        // A unit sees the warnings about its own part of the plan; plan-wide ones (no unit) are the ministry's.
        builder.Entity<EarlyWarning>().HasQueryFilter(w => Scope.AllUnits || (w.UnitId != null && w.UnitId == Scope.UnitId));

        // A unit sees the adjustment proposals it wrote; the ministry sees all of them.
        builder.Entity<Adjustment>().HasQueryFilter(a => Scope.AllUnits || (a.ProposedByUnitId != null && a.ProposedByUnitId == Scope.UnitId));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums read as words in SQL and survive reordering of the C# members.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }
}
