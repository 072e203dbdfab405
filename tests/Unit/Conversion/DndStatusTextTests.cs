using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class DndStatusTextTests
    {
        [Theory]
        [InlineData("active", "active")]
        [InlineData("Active", "active")]
        [InlineData(" INACTIVE ", "inactive")]
        [InlineData("permanent", "permanent")]
        [InlineData("Permanent", "permanent")]
        [InlineData("true", "active")]
        [InlineData("yes", "active")]
        [InlineData("Y", "active")]
        [InlineData("1", "active")]
        [InlineData("on", "active")]
        [InlineData("false", "inactive")]
        [InlineData("No", "inactive")]
        [InlineData("n", "inactive")]
        [InlineData("0", "inactive")]
        [InlineData("off", "inactive")]
        [InlineData(true, "active")]
        [InlineData(false, "inactive")]
        [InlineData(1, "active")]
        [InlineData(0, "inactive")]
        public void Parses(object input, string expected)
        {
            Assert.True(DndStatusText.TryParse(input, out var status, out var reason), reason);
            Assert.Equal(expected, status);
            Assert.Null(reason);
        }

        [Theory]
        [InlineData("maybe")]
        [InlineData("activ")]
        [InlineData("enabled")]
        [InlineData("2")]
        [InlineData(2)]
        public void Refuses(object input)
        {
            Assert.False(DndStatusText.TryParse(input, out var status, out var reason));
            Assert.Null(status);
            Assert.Equal("is not a DND status. Use active, inactive or permanent, or yes/no.", reason);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  ")]
        public void Blank_is_not_given(object input)
        {
            Assert.True(DndStatusText.TryParse(input, out var status, out var reason));
            Assert.Null(status);
            Assert.Null(reason);
        }
    }
}
