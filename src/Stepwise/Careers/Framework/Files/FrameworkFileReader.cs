using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stepwise.Careers.Framework.Files;

/// <summary>
/// Reads a framework file: syntax first, then the published JSON Schema, then the rules a schema cannot say
/// (steps numbered 1..n, one cell per step, unique ids, one mastery characteristic). Every problem is reported
/// with its JSONPath and, when known, the line and column; a file with any problem yields no framework.
/// </summary>
public static class FrameworkFileReader
{
    public const string SchemaResource = "career-framework.schema.json";
    public const int MaxErrors = 100;

    private static readonly Lazy<string> SchemaTextLazy = new(() =>
    {
        using var stream = typeof(FrameworkFileReader).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException("The framework schema is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(SchemaTextLazy.Value).GetAwaiter().GetResult());

    /// <summary>The published schema, as served at /api/careers/framework-schema.</summary>
    public static string SchemaText => SchemaTextLazy.Value;

    public static FrameworkParseResult Read(string text, FrameworkFormat format)
    {
        var marks = new Dictionary<string, Mark>();
        JToken root;
        try
        {
            root = format == FrameworkFormat.Json ? JToken.Parse(text, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load }) : ParseYaml(text, marks);
        }
        catch (JsonReaderException e)
        {
            return Failed(new FrameworkFileError(ToJsonPath(e.Path ?? ""), $"The file is not valid JSON: {FirstSentence(e.Message)}", e.LineNumber, e.LinePosition));
        }
        catch (YamlException e)
        {
            return Failed(new FrameworkFileError("$", $"The file is not valid YAML: {e.Message}", (int)e.Start.Line, (int)e.Start.Column));
        }

        (int?, int?) Position(string path) => Locate(root, marks, path);
        var errors = Schema.Value.Validate(root).SelectMany(Flatten).Take(MaxErrors)
            .Select(e => Error(e.Path, Describe(e), Position)).Distinct().ToList();
        if (errors.Count > 0) return new FrameworkParseResult(null, errors);

        var file = root.ToObject<FrameworkFile>()!;
        errors.AddRange(FrameworkRules.Check(file).Select(r => Error(r.Path, r.Message, Position)));
        return errors.Count > 0 ? new FrameworkParseResult(null, errors) : new FrameworkParseResult(file.ToFramework(), []);
    }

    private static JToken ParseYaml(string text, Dictionary<string, Mark> marks)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0) return JValue.CreateNull();
        return YamlToJson.Convert(stream.Documents[0].RootNode, "", marks);
    }

    private static FrameworkParseResult Failed(FrameworkFileError error) => new(null, [error]);

    private static IEnumerable<ValidationError> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Count > 0 ? child.Errors.SelectMany(e => e.Value).SelectMany(Flatten) : [error];

    /// <summary>NJsonSchema paths look like "#/characteristics[0].name"; Newtonsoft's like "characteristics[0].name".</summary>
    private static string TokenPath(string? schemaPath) => (schemaPath ?? "#").TrimStart('#').TrimStart('/');

    private static string ToJsonPath(string tokenPath) => tokenPath.Length == 0 ? "$" : tokenPath.StartsWith('[') ? "$" + tokenPath : "$." + tokenPath;

    private static FrameworkFileError Error(string? path, string message, Func<string, (int?, int?)> position)
    {
        var tokenPath = TokenPath(path);
        var (line, column) = position(tokenPath);
        return new FrameworkFileError(ToJsonPath(tokenPath), message, line, column);
    }

    /// <summary>Where a path starts in the file, or its nearest existing parent (a missing property points at its object).</summary>
    private static (int?, int?) Locate(JToken root, Dictionary<string, Mark> marks, string path)
    {
        for (var p = path; ; p = Parent(p))
        {
            if (marks.TryGetValue(p, out var mark)) return ((int)mark.Line, (int)mark.Column);
            if (marks.Count == 0 && (p.Length == 0 ? root : root.SelectToken(p)) is IJsonLineInfo info && info.HasLineInfo())
                return (info.LineNumber, info.LinePosition);
            if (p.Length == 0) return (null, null);
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private static string Describe(ValidationError e)
    {
        var property = e.Property is { Length: > 0 } p ? $"'{p}'" : "The value";
        return e.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"{property} is required.",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"{property} is not a known property.",
            ValidationErrorKind.StringTooShort => $"{property} must not be empty.",
            ValidationErrorKind.StringTooLong => $"{property} is too long.",
            ValidationErrorKind.PatternMismatch => $"{property} must be lowercase letters, digits and '-', starting with a letter (at most 50).",
            ValidationErrorKind.TooFewItems => $"{property} needs at least one item.",
            ValidationErrorKind.TooManyItems => $"{property} has too many items.",
            ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig => $"{property} is out of range.",
            ValidationErrorKind.IntegerExpected => $"{property} must be a whole number.",
            ValidationErrorKind.StringExpected => $"{property} must be text.",
            ValidationErrorKind.BooleanExpected => $"{property} must be true or false.",
            ValidationErrorKind.ArrayExpected => $"{property} must be a list.",
            ValidationErrorKind.ObjectExpected => $"{property} must be an object (a mapping).",
            _ => $"{property} does not match the schema ({Words(e.Kind.ToString())}).",
        };
    }

    private static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLower(c, CultureInfo.InvariantCulture) : c.ToString()));

    private static string FirstSentence(string message) => message.Split(". Path", 2)[0].TrimEnd('.') + ".";
}
