using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class EmailAddressTextTests
    {
        [Theory]
        [InlineData("bob@example.com", "bob@example.com")]
        [InlineData("  Bob.Smith@Example.COM ", "Bob.Smith@example.com")]
        [InlineData("JOSE.MULLER@EXAMPLE.ORG", "JOSE.MULLER@example.org")]
        [InlineData("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk")]
        [InlineData("o'brien@example.net", "o'brien@example.net")]
        [InlineData("a_b-c=d{e}@example.com", "a_b-c=d{e}@example.com")]
        [InlineData("mailto:bob@example.com", "bob@example.com")]
        [InlineData("Bob Smith <bob@Example.com>", "bob@example.com")]
        [InlineData("\"Smith, Bob\" <bob@example.com>", "bob@example.com")]
        [InlineData("<bob@example.com>", "bob@example.com")]
        [InlineData("MAILTO:bob@example.com", "bob@example.com")]
        [InlineData("zoë@example.com", "zoë@example.com")]
        [InlineData("user@münchen.example", "user@münchen.example")]
        [InlineData("x@example.xn--p1ai", "x@example.xn--p1ai")]
        public void Normalizes(string input, string expected)
        {
            Assert.True(EmailAddressText.TryNormalize(input, out var email, out var reason), reason);
            Assert.Equal(expected, email);
            Assert.Null(reason);
        }

        private const string BadDomain = "has an invalid domain after the @ (use a domain such as example.com).";

        [Theory]
        [InlineData("bob.example.com", "has no @.")]
        [InlineData("not an email", "contains spaces.")]
        [InlineData("bob @example.com", "contains spaces.")]
        [InlineData("bob@@example.com", "has more than one @.")]
        [InlineData("bob@home@example.com", "has more than one @.")]
        [InlineData("bob@example.com>", "has angle brackets. Give the address alone (name@example.com).")]
        [InlineData("Bob <bob@example.com", "has angle brackets. Give the address alone (name@example.com).")]
        [InlineData("ann@example.com; bob@example.com", "holds 2 e-mail addresses (ann@example.com, bob@example.com). A contact has one e-mail: keep one in the cell (HighLevel's create call does not take additional e-mails).")]
        [InlineData("ann@example.com,bob@example.org", "holds 2 e-mail addresses (ann@example.com, bob@example.org). A contact has one e-mail: keep one in the cell (HighLevel's create call does not take additional e-mails).")]
        [InlineData("Ann <ann@example.com>, Bob <bob@example.com>", "holds 2 e-mail addresses (ann@example.com, bob@example.com). A contact has one e-mail: keep one in the cell (HighLevel's create call does not take additional e-mails).")]
        [InlineData("@example.com", "has nothing before the @.")]
        [InlineData("bob(x)@example.com", "has an invalid character before the @.")]
        [InlineData("\"bob\"@example.com", "has an invalid character before the @.")]
        [InlineData("bob,smith@example.com", "has an invalid character before the @.")]
        [InlineData(".bob@example.com", "has a misplaced dot before the @.")]
        [InlineData("bob.@example.com", "has a misplaced dot before the @.")]
        [InlineData("bob..smith@example.com", "has a misplaced dot before the @.")]
        [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com", "is too long before the @ (64 characters at most).")]
        [InlineData("bob@", "has no domain after the @.")]
        [InlineData("bob@example", BadDomain)]
        [InlineData("bob@localhost", BadDomain)]
        [InlineData("bob@example.", BadDomain)]
        [InlineData("bob@.example.com", BadDomain)]
        [InlineData("bob@example..com", BadDomain)]
        [InlineData("bob@example,com", BadDomain)]
        [InlineData("bob@-example.com", BadDomain)]
        [InlineData("bob@example.c", BadDomain)]
        [InlineData("bob@127.0.0.1", BadDomain)]
        [InlineData("bob@[127.0.0.1]", BadDomain)]
        [InlineData("bob@exa_mple.com", BadDomain)]
        public void Refuses_with_reason(string input, string expectedReason)
        {
            Assert.False(EmailAddressText.TryNormalize(input, out var email, out var reason));
            Assert.Null(email);
            Assert.Equal(expectedReason, reason);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  ")]
        public void Blank_is_not_given(string input)
        {
            Assert.True(EmailAddressText.TryNormalize(input, out var email, out var reason));
            Assert.Null(email);
            Assert.Null(reason);
        }
    }
}
