namespace PlanTracker.Infrastructure.Seed;

/// <summary>Files the product ships inside this assembly: the default plan's text and the reporting units.</summary>
public static class SeedResources
{
    public const string ShippedPlanFileName = "modern-services-st-12th-five-year-plan.zh.txt";

    /// <summary>文号 of the shipped plan, 《现代服务业科技发展“十二五”专项规划》.</summary>
    public const string ShippedPlanDocumentNumber = "国科发计〔2012〕70号";

    public static string ReadText(string fileName)
    {
        var name = "PlanTracker.Seed." + fileName;
        using var stream = typeof(SeedResources).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The seed resource {name} is not embedded in the assembly.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
