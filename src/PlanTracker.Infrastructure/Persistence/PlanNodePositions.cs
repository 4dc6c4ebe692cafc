using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace PlanTracker.Infrastructure.Persistence;

/// <summary>
/// (plan_version_id, position) of plan nodes is unique and checked row by row, so nodes that change place first step
/// aside to negative positions (-1 - old) in the same transaction; a save then writes every final position without
/// meeting an old one.
/// </summary>
public static class PlanNodePositions
{
    /// <summary>Moves the nodes to -1 - their position, in <paramref name="transaction"/>; returns each node's new row version (xmin).</summary>
    public static async Task<IReadOnlyList<MovedAsideNode>> MoveAsideAsync(
        this AppDbContext db, IDbContextTransaction transaction, IReadOnlyCollection<int> nodeIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(nodeIds);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = "UPDATE plan_nodes SET position = -1 - position WHERE id = ANY(@ids) RETURNING id, xmin";
        var ids = command.CreateParameter();
        ids.ParameterName = "ids";
        ids.Value = nodeIds.ToArray();
        command.Parameters.Add(ids);
        var moved = new List<MovedAsideNode>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            moved.Add(new MovedAsideNode(reader.GetInt32(0), reader.GetFieldValue<uint>(1)));
        }

        return moved;
    }
}

/// <summary>A node moved aside, with the row version (xmin) the update gave it.</summary>
public sealed record MovedAsideNode(int Id, uint RowVersion);
