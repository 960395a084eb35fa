using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Stepwise.Careers.Framework.Files;

/// <summary>Writes a framework in the file shape the reader accepts, so an export imports back unchanged.</summary>
public static class FrameworkFileWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly ISerializer Yaml = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    public static string Write(CareerFramework framework, FrameworkFormat format)
    {
        var file = FrameworkFile.From(framework);
        return format == FrameworkFormat.Json ? JsonSerializer.Serialize(file, Json) : Yaml.Serialize(file);
    }
}
