using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using PlanTracker.Domain.Text;

namespace PlanTracker.Web.Hosting;

/// <summary>
/// Binds every string from a form, query or route as the framework does, then drops what no stored text may hold
/// (<see cref="InputText.Clean"/>): a NUL would make PostgreSQL refuse the statement (a 500 instead of an answer), and
/// the other control characters would make the Word and Excel exports unreadable. A value left with nothing but
/// white space is null, like an empty field.
/// </summary>
internal sealed class CleanTextBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = context.BindingInfo.BindingSource;
        if (context.Metadata.ModelType != typeof(string)
            || (source is not null && (source == BindingSource.Body || source == BindingSource.Header || source == BindingSource.Services || source == BindingSource.Special || source == BindingSource.FormFile)))
        {
            return null;
        }

        return new CleanTextBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()));
    }
}

internal sealed class CleanTextBinder(IModelBinder inner) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        await inner.BindModelAsync(bindingContext);
        if (bindingContext.Result.IsModelSet && bindingContext.Result.Model is string text && InputText.NeedsCleaning(text))
        {
            var clean = InputText.Clean(text);
            object? model = string.IsNullOrWhiteSpace(clean) && bindingContext.ModelMetadata.ConvertEmptyStringToNull ? null : clean;
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, model, clean);
            bindingContext.Result = ModelBindingResult.Success(model);
        }
    }
}
