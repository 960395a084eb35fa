using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stepwise.Delivery.Ofrep;

internal sealed record GeneralError(string ErrorDetails);

internal sealed record EvaluationFailure(string Key, string ErrorCode, string ErrorDetails);

internal sealed record BulkFailure(string ErrorCode, string ErrorDetails);

/// <summary>An OFREP error: its protocol code and a sentence for logs.</summary>
internal readonly record struct OfrepError(string Code, string Details);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GeneralError))]
[JsonSerializable(typeof(EvaluationFailure))]
[JsonSerializable(typeof(BulkFailure))]
internal sealed partial class OfrepJson : JsonSerializerContext;
