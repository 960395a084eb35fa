using System.Globalization;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stepwise.Careers.Framework.Files;

/// <summary>
/// Turns a YAML document into the JSON it stands for, remembering where each value started so schema errors can
/// point at a line and column of the file the person wrote. Plain scalars that read as numbers, booleans or null
/// become those; quoted scalars stay strings (YAML 1.2 core schema).
/// </summary>
internal static class YamlToJson
{
    public static JToken Convert(YamlNode node, string path, Dictionary<string, Mark> marks)
    {
        marks[path] = node.Start;
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JObject();
                foreach (var (k, v) in map.Children)
                {
                    var name = (k as YamlScalarNode)?.Value ?? k.ToString();
                    obj[name] = Convert(v, Child(path, name), marks);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JArray();
                for (var i = 0; i < seq.Children.Count; i++) array.Add(Convert(seq.Children[i], $"{path}[{i}]", marks));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return JValue.CreateNull();
        }
    }

    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static JValue Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return new JValue(value);
        if (value is "" or "~" or "null" or "Null" or "NULL") return JValue.CreateNull();
        if (value is "true" or "True" or "TRUE") return new JValue(true);
        if (value is "false" or "False" or "FALSE") return new JValue(false);
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return new JValue(integer);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return new JValue(number);
        return new JValue(value);
    }
}
