using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class TextDamageTests
    {
        [Theory]
        [InlineData("Zo\uFFFD", "-Encoding 1252")]
        [InlineData("Montr\uFFFDal", "-Encoding 1252")]
        [InlineData("ZoÃ«", "-Encoding UTF8")]
        [InlineData("MontrÃ©al", "-Encoding UTF8")]
        [InlineData("MÃ¼ller", "-Encoding UTF8")]
        [InlineData("O\u00E2\u20AC\u2122Brien", "-Encoding UTF8")]
        [InlineData("Ã–sterreich", "-Encoding UTF8")]
        public void Finds_wrongly_decoded_text(string text, string fix)
        {
            var reason = TextDamage.Find(text);
            Assert.NotNull(reason);
            Assert.Contains("Import-Csv " + fix, reason);
        }

        [Theory]
        [InlineData("Zoë")]
        [InlineData("Montréal")]
        [InlineData("JOÃO")]
        [InlineData("São Paulo")]
        [InlineData("O’Brien")]
        [InlineData("Ångström")]
        [InlineData("")]
        [InlineData(null)]
        public void Leaves_good_text_alone(string text) => Assert.Null(TextDamage.Find(text));
    }
}
