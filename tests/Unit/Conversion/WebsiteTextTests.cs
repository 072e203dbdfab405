using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class WebsiteTextTests
    {
        [Theory]
        [InlineData("example.com", "https://example.com")]
        [InlineData("www.example.com/path", "https://www.example.com/path")]
        [InlineData("  www.example.org  ", "https://www.example.org")]
        [InlineData("https://example.com", "https://example.com")]
        [InlineData("http://example.com/", "http://example.com/")]
        [InlineData("HTTPS://WWW.Example.COM/About-Us?x=1#Team", "https://www.example.com/About-Us?x=1#Team")]
        [InlineData("Http://shop.example.net:8080/cart", "http://shop.example.net:8080/cart")]
        [InlineData("example.com:8443", "https://example.com:8443")]
        [InlineData("//cdn.example.com/x", "https://cdn.example.com/x")]
        [InlineData("sub-domain.example.co.uk", "https://sub-domain.example.co.uk")]
        [InlineData("münchen.example", "https://münchen.example")]
        [InlineData("example.com.", "https://example.com")]
        [InlineData("xn--mnchen-3ya.example", "https://xn--mnchen-3ya.example")]
        public void Normalizes(string input, string expected)
        {
            Assert.True(WebsiteText.TryNormalize(input, out var url, out var reason), reason);
            Assert.Equal(expected, url);
            Assert.Null(reason);
        }

        private const string NotWebsite = "is not a website address. Use a domain such as www.example.com.";

        [Theory]
        [InlineData("example .com", "contains spaces.")]
        [InlineData("https://example.com/a b", "contains spaces.")]
        [InlineData("my company website", "contains spaces.")]
        [InlineData("ftp://example.com", "is not an http or https address.")]
        [InlineData("javascript:alert(1)", "is not an http or https address.")]
        [InlineData("file:///etc/passwd", "is not an http or https address.")]
        [InlineData("mailto:bob@example.com", "looks like an e-mail address, not a website.")]
        [InlineData("bob@example.com", "looks like an e-mail address, not a website.")]
        [InlineData("https://user:pass@example.com", "looks like an e-mail address, not a website.")]
        [InlineData("example", NotWebsite)]
        [InlineData("localhost", NotWebsite)]
        [InlineData("localhost:3000", NotWebsite)]
        [InlineData("http://192.168.0.1", NotWebsite)]
        [InlineData("https://", NotWebsite)]
        [InlineData("https://-example-.com", NotWebsite)]
        [InlineData("example..com", NotWebsite)]
        [InlineData("exa_mple.com", NotWebsite)]
        [InlineData("example.c", NotWebsite)]
        [InlineData("example.com:99999", NotWebsite)]
        [InlineData("example.com:", NotWebsite)]
        [InlineData("n/a", NotWebsite)]
        public void Refuses_with_reason(string input, string expectedReason)
        {
            Assert.False(WebsiteText.TryNormalize(input, out var url, out var reason));
            Assert.Null(url);
            Assert.Equal(expectedReason, reason);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData(" ")]
        public void Blank_is_not_given(string input)
        {
            Assert.True(WebsiteText.TryNormalize(input, out var url, out var reason));
            Assert.Null(url);
            Assert.Null(reason);
        }
    }
}
