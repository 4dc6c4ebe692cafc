using System.ComponentModel.DataAnnotations;
using PlanTracker.Domain.Units;

namespace PlanTracker.Web.Features.Admin;

public sealed record UserListViewModel(IReadOnlyList<UserRow> Users, string? Query, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed record UserRow(string Id, string UserName, string DisplayName, string? UnitName, string? Role, bool IsDisabled, bool IsLockedOut);

public sealed record UnitChoice(int Id, string Name, UnitKind Kind);

public sealed class UserInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(50, MinimumLength = 2, ErrorMessage = "Validation.Length")]
    [RegularExpression("^[A-Za-z0-9._@+-]+$", ErrorMessage = "Identity.InvalidUserName")]
    [Display(Name = "Account.UserName")]
    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Admin.DisplayName")]
    public string DisplayName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Admin.Role")]
    public string Role { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Admin.Unit")]
    public int? UnitId { get; set; }

    /// <summary>Only when creating an account: the first password, which the person changes after signing in.</summary>
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password)]
    [Display(Name = "Admin.InitialPassword")]
    public string? Password { get; set; }
}

public sealed class ResetPasswordInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.NewPassword")]
    public string NewPassword { get; set; } = string.Empty;
}

public sealed record UserEditViewModel(string? Id, UserInput Input, IReadOnlyList<UnitChoice> Units, bool IsDisabled, bool IsLockedOut);

public sealed record UnitListViewModel(IReadOnlyList<UnitRow> Units);

public sealed record UnitRow(int Id, string Name, string? Code, UnitKind Kind, string? ParentName, bool IsActive, string? ContactName, string? ContactPhone, int UserCount);

public sealed class UnitInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Units.Name")]
    public string Name { get; set; } = string.Empty;

    [StringLength(150, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Units.NameEn")]
    public string? NameEn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Units.Kind")]
    public UnitKind? Kind { get; set; }

    [RegularExpression("^[0-9]{6}$", ErrorMessage = "Units.CodeFormat")]
    [Display(Name = "Units.Code")]
    public string? Code { get; set; }

    [Display(Name = "Units.Parent")]
    public int? ParentId { get; set; }

    [Range(0, 100000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Units.SortOrder")]
    public int SortOrder { get; set; }

    [Display(Name = "Units.Active")]
    public bool IsActive { get; set; } = true;

    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Units.ContactName")]
    public string? ContactName { get; set; }

    [StringLength(50, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Units.ContactPhone")]
    public string? ContactPhone { get; set; }

    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Units.ContactEmail")]
    public string? ContactEmail { get; set; }

    /// <summary>The unit's xmin when the form was opened: a save over someone else's change is refused.</summary>
    public uint RowVersion { get; set; }
}

public sealed record UnitEditViewModel(int? Id, UnitInput Input, IReadOnlyList<UnitChoice> Parents);

/// <summary>The answer of an administrative change: done, or refused with a message key and its arguments.</summary>
public sealed record AdminResult(bool Succeeded, string? ErrorKey, params object[] Arguments)
{
    public static readonly AdminResult Done = new(true, null);

    public static AdminResult Refused(string errorKey, params object[] arguments) => new(false, errorKey, arguments);
}
