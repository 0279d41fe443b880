using System.Text;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Canonical;

namespace UpdateServer.Packaging.Tests.Canonical;

public class CanonicalJsonTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "keys sorted", """{"b":1,"a":2}""", """{"a":2,"b":1}""" },
        { "nested objects and arrays", """{"z":{"y":[3,{"b":true,"a":null}]},"a":[]}""", """{"a":[],"z":{"y":[3,{"a":null,"b":true}]}}""" },
        { "whitespace removed", "{ \"a\" : [ 1 , 2 ] ,\n\t\"b\" : { } }", """{"a":[1,2],"b":{}}""" },
        { "array order kept", """[3,1,2]""", """[3,1,2]""" },
        { "only quote and backslash escaped", """{"a":"q\" b\\ s\/ n\n t\t"}""", "{\"a\":\"q\\\" b\\\\ s/ n\n t\t\"}" },
        { "control character raw", """{"c":"\u0001"}""", "{\"c\":\"\u0001\"}" },
        { "non-ASCII raw UTF-8", """{"a":"\u00e9\u4e2d"}""", "{\"a\":\"é中\"}" },
        { "uppercase before lowercase", """{"a":1,"B":2,"aa":3}""", """{"B":2,"a":1,"aa":3}""" },
        { "code point order above U+FFFF", "{\"\\ud83d\\ude00\":2,\"\\uffff\":1}", "{\"\uffff\":1,\"\U0001F600\":2}" },
        { "escaped key sorted by its decoded form", """{"\u0062":1,"a":2}""", """{"a":2,"b":1}""" },
        { "integers", """{"z":0,"n":-12,"big":9007199254740993}""", """{"big":9007199254740993,"n":-12,"z":0}""" },
        { "literals", """[true,false,null]""", """[true,false,null]""" },
        { "empty string key", """{"":1,"a":2}""", """{"":1,"a":2}""" },
        { "quote in key", """{"a\"b":1}""", "{\"a\\\"b\":1}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SerializesLikeSecuresystemslib(string name, string input, string expected)
    {
        var bytes = CanonicalJson.Serialize(StrictJson.Parse(Encoding.UTF8.GetBytes(input)));

        Assert.True(Encoding.UTF8.GetBytes(expected).AsSpan().SequenceEqual(bytes), $"{name}: got {Encoding.UTF8.GetString(bytes)}");
    }

    [Theory]
    [InlineData("""{"a":1.5}""", "integers")]
    [InlineData("""{"a":1.0}""", "integers")]
    [InlineData("""{"a":1e3}""", "integers")]
    [InlineData("""{"a":-0.0}""", "integers")]
    [InlineData("""{"a":99999999999999999999}""", "out of range")]
    [InlineData("""{"a":1,"a":2}""", "Duplicate key")]
    [InlineData("""{"a":1,}""", "Malformed")]
    [InlineData("""{"a":1} // c""", "Malformed")]
    [InlineData("""{"a":"\ud800"}""", "Malformed")]
    [InlineData("""{"a":NaN}""", "Malformed")]
    [InlineData("""{"a":1}{"b":2}""", "Malformed")]
    [InlineData("", "empty")]
    public void RefusesWhatCanonicalJsonCannotHold(string input, string messagePart)
    {
        var error = Assert.Throws<CanonicalJsonException>(() => StrictJson.Parse(Encoding.UTF8.GetBytes(input)));

        Assert.Contains(messagePart, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RefusesFloatsBuiltInMemory()
    {
        var node = new JsonObject { ["a"] = 0.5 };

        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(node));
    }

    [Fact]
    public void RefusesUnpairedSurrogateInMemory()
    {
        var node = new JsonObject { ["a"] = "x\ud800y" };

        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(node));
    }

    [Fact]
    public void RefusesNestingDeeperThanTheLimit()
    {
        var deep = new string('[', StrictJson.MaxDepth + 1) + new string(']', StrictJson.MaxDepth + 1);

        Assert.Throws<CanonicalJsonException>(() => StrictJson.Parse(Encoding.UTF8.GetBytes(deep)));
    }

    [Fact]
    public void IsIdempotent()
    {
        var once = CanonicalJson.Serialize(StrictJson.Parse("""{"b":[{"d":"\u00e9","c":1}],"a":"x\"y"}"""u8));
        var twice = CanonicalJson.Serialize(StrictJson.Parse(once));

        Assert.Equal(once, twice);
    }
}
