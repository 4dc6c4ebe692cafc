using System.ComponentModel.DataAnnotations;

namespace PlanTracker.Web.Features.Account;

public sealed class SignInInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Account.UserName")]
    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.Password")]
    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.CurrentPassword")]
    public string CurrentPassword { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.NewPassword")]
    public string NewPassword { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Compare(nameof(NewPassword), ErrorMessage = "Account.PasswordsDiffer")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = string.Empty;
}
