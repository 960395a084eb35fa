using Stepwise.Careers.Framework.Files;

namespace Stepwise.Careers.Framework;

/// <summary>The framework Stepwise ships with (default-framework.yaml, embedded), read through the same importer as any file.</summary>
public static class DefaultFramework
{
    private static readonly Lazy<CareerFramework> Framework = new(() =>
    {
        using var stream = typeof(DefaultFramework).Assembly.GetManifestResourceStream("default-framework.yaml")
            ?? throw new InvalidOperationException("The default framework is not embedded.");
        using var reader = new StreamReader(stream);
        var result = FrameworkFileReader.Read(reader.ReadToEnd(), FrameworkFormat.Yaml);
        return result.Succeeded ? result.Framework! : throw new InvalidOperationException("The default framework is invalid: " + string.Join("; ", result.Errors));
    });

    public static CareerFramework Value => Framework.Value;
}
