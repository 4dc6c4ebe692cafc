using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Identity;

namespace PlanTracker.Infrastructure.Auditing;

/// <summary>
/// Writes an audit entry for every create, update and delete, in the same transaction as the change: the entries
/// are added after the change is saved (so new rows have their ids) and before the transaction commits. When the
/// caller opened no transaction, this opens one around the two saves.
/// </summary>
public sealed class AuditingInterceptor(IAuditActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    // Values no one should read in a log, and bulky content that is stored (and hashed) beside its row anyway:
    // the imported plan text, evidence file bytes, an issued report's documents and figures.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp), "SourceText", "Content", "Docx", "Xlsx", "FiguresJson",
    };

    private readonly List<Pending> _pending = [];
    private IDbContextTransaction? _ownTransaction;
    private bool _writingEntries;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var db = eventData.Context;
        if (db is null || _writingEntries)
        {
            return result;
        }

        _pending.Clear();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (!IsAudited(entry))
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    _pending.Add(new Pending(entry, "create", null));
                    break;
                case EntityState.Modified when entry.Properties.Any(p => p.IsModified && !Hidden.Contains(p.Metadata.Name) && p.Metadata.Name != "RowVersion")
                    || entry.ComplexProperties.Any(c => c.Properties.Any(p => p.IsModified)):
                    _pending.Add(new Pending(entry, "update", Serialize(entry, original: true)));
                    break;
                case EntityState.Deleted:
                    _pending.Add(new Pending(entry, "delete", Serialize(entry, original: true)) { DeletedId = KeyOf(entry) });
                    break;
            }
        }

        if (_pending.Count > 0 && db.Database.CurrentTransaction is null)
        {
            _ownTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var db = eventData.Context;
        if (db is null || _writingEntries || _pending.Count == 0)
        {
            return result;
        }

        var now = clock.GetUtcNow();
        foreach (var change in _pending)
        {
            db.Add(new AuditEntry(
                now,
                actor.UserId,
                actor.UserName,
                actor.UnitId,
                change.Action,
                change.Entry.Metadata.ClrType.Name,
                change.DeletedId ?? KeyOf(change.Entry),
                change.BeforeJson,
                change.Action == "delete" ? null : Serialize(change.Entry, original: false),
                actor.RequestId));
        }

        _pending.Clear();
        _writingEntries = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _writingEntries = false;
        }

        if (_ownTransaction is not null)
        {
            await _ownTransaction.CommitAsync(cancellationToken);
            await _ownTransaction.DisposeAsync();
            _ownTransaction = null;
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Clear();
        if (_ownTransaction is not null && !_writingEntries)
        {
            await _ownTransaction.RollbackAsync(cancellationToken);
            await _ownTransaction.DisposeAsync();
            _ownTransaction = null;
        }
    }

    /// <summary>
    /// Synchronous saves are for unaudited rows only (the data-protection key ring saves its keys so); an audited
    /// change saved synchronously would escape the log, so it is refused.
    /// </summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (!_writingEntries && eventData.Context?.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e)) == true)
        {
            throw new InvalidOperationException("Save audited changes with SaveChangesAsync: the audit log is written in the same transaction.");
        }

        return result;
    }

    // A monitored status is a computed colour the warning scan keeps to compare against, not something a person changed:
    // the warnings it raises are audited instead.
    private static bool IsAudited(EntityEntry entry) =>
        entry.Entity is not (AuditEntry or ProgressReportEvent or DataProtectionKey or MonitoredStatus or SignInAttemptWindow)
        && entry.Metadata.ClrType.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) != true;

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));

    private static string Serialize(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (!Hidden.Contains(name))
            {
                values[name] = original ? property.OriginalValue : property.CurrentValue;
            }
        }

        foreach (var complex in entry.ComplexProperties)
        {
            foreach (var property in complex.Properties)
            {
                values[complex.Metadata.Name + "." + property.Metadata.Name] = original ? property.OriginalValue : property.CurrentValue;
            }
        }

        // Lists kept inside the row as JSON (a report's money by source and milestones) are part of what changed.
        // EF keeps no original copy of such a list, so an update's "before" omits them: the previous entry's "after"
        // holds them, and the history reads complete from one entry to the next.
        if (!original || entry.State == EntityState.Deleted)
        {
            foreach (var collection in entry.ComplexCollections)
            {
                values[collection.Metadata.Name] = collection.CurrentValue;
            }
        }

        return JsonSerializer.Serialize(values);
    }

    private sealed record Pending(EntityEntry Entry, string Action, string? BeforeJson)
    {
        public string? DeletedId { get; init; }
    }
}
