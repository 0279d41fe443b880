using UpdateServer.Server.Bulletins;

namespace UpdateServer.Server.Tests.Bulletins;

public sealed class BulletinMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](java\tscript:alert(1))")]
    [InlineData("[click](&#106;avascript:alert(1))")]
    [InlineData("![x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x](vbscript:msgbox)")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void NoScriptReachesThePage(string markdown)
    {
        var html = BulletinMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"java", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"&#106;", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:msgbox\"", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void KeepsOrdinaryMarkdownAndSafeLinks()
    {
        var html = BulletinMarkdown.ToHtml("## Impact\n\n**Update** to [2.1](https://example.org/2.1) or mail <security@example.org>.");

        Assert.Contains("Impact</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Update</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/2.1\"", html, StringComparison.Ordinal);
        Assert.Contains("mailto:security@example.org", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsRawHtmlAsText() =>
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", BulletinMarkdown.ToHtml("<script>alert(1)</script>"), StringComparison.Ordinal);
}
