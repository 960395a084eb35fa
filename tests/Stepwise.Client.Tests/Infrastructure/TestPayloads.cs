namespace Stepwise.Client.Tests.Infrastructure;

/// <summary>Payloads in the server's GrowthBook shape.</summary>
internal static class TestPayloads
{
    public const string ClientKey = "sdk-test-key";

    /// <summary>"checkout" is on for everyone with value <paramref name="checkout"/>; "banner" is a string.</summary>
    public static string Simple(bool checkout, string banner = "hello", string date = "2026-11-23T10:00:00Z") =>
        "{\"status\":200,\"features\":{\"checkout\":{\"defaultValue\":" + (checkout ? "true" : "false")
        + "},\"banner\":{\"defaultValue\":\"" + banner + "\"}},\"savedGroups\":{},\"dateUpdated\":\"" + date + "\"}";

    /// <summary>An experiment rule on "button" (two variations, everyone enrolled) plus a plain flag.</summary>
    public const string Experiment = """
        {"features":{
          "button":{"defaultValue":"blue","rules":[{"id":"r1","key":"button-test","variations":["blue","green"],"hashVersion":2,
            "meta":[{"key":"control"},{"key":"treatment"}]}]},
          "price":{"defaultValue":9.5},
          "config":{"defaultValue":{"limit":3,"name":"x"}},
          "flag":{"defaultValue":true}
        }}
        """;
}
