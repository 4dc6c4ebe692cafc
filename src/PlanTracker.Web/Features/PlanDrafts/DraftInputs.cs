namespace PlanTracker.Web.Features.PlanDrafts;

/// <summary>The import page: an uploaded .txt file or pasted text (the file wins when both are given).</summary>
public sealed class DraftUploadInput
{
    public IFormFile? File { get; set; }

    public string? Text { get; set; }
}

/// <summary>The preview's import form: the text itself, parsed again on the server.</summary>
public sealed class DraftImportInput
{
    public string? Text { get; set; }
}

/// <summary>Every edit carries the version's xmin the planner saw.</summary>
public class DraftEditInput
{
    public uint RowVersion { get; set; }
}

public sealed class DraftRenameInput : DraftEditInput
{
    public string? Title { get; set; }

    /// <summary>Tasks only; absent for other nodes.</summary>
    public string? Text { get; set; }
}

public sealed class DraftMoveInput : DraftEditInput
{
    public string? Direction { get; set; }
}

public sealed class DraftReparentInput : DraftEditInput
{
    public int ParentId { get; set; }
}

public sealed class DraftSplitInput : DraftEditInput
{
    /// <summary>One title per line.</summary>
    public string? Titles { get; set; }
}

public sealed class DraftAddTaskInput : DraftEditInput
{
    public string? Title { get; set; }

    public string? Text { get; set; }
}

public sealed class DraftMergeInput : DraftEditInput
{
    public List<int> TaskIds { get; set; } = [];

    public string? Title { get; set; }
}
