using ContactsModule.Api;
using Xunit;

namespace ContactsModule.Tests.Api
{
    public class RateLimiterTests
    {
        [Fact]
        public void TheFirstRequestGoesAloneUntilAnAnswerGivesTheLimits()
        {
            var limiter = new RateLimiter();
            Assert.Equal(0, limiter.TryBook(1000));
            Assert.True(limiter.TryBook(1000) > 0);
            limiter.Observe(10, 1000, 200000, 199999);
            Assert.Equal(0, limiter.TryBook(1001));
        }

        [Fact]
        public void AFailedProbeLetsTheNextRequestProbe()
        {
            var limiter = new RateLimiter();
            Assert.Equal(0, limiter.TryBook(0));
            limiter.ProbeFailed();
            Assert.Equal(0, limiter.TryBook(1));
        }

        [Fact]
        public void NeverBooksMoreThanMaxInAWindowPlusMargin()
        {
            var limiter = new RateLimiter();
            limiter.Observe(10, 1000, null, null);
            long now = 0;
            var booked = new System.Collections.Generic.List<long>();
            while (booked.Count < 40)
            {
                long wait = limiter.TryBook(now);
                if (wait <= 0) booked.Add(now);
                else now += wait;
            }
            int margin = limiter.MarginMs(1000);
            for (int i = 10; i < booked.Count; i++)
            {
                // Any 11 consecutive bookings span more than the window plus the margin.
                Assert.True(booked[i] - booked[i - 10] >= 1000 + margin, $"bookings {i - 10}..{i} span {booked[i] - booked[i - 10]} ms");
            }
        }

        [Fact]
        public void SpreadsRequestsEvenlyInsteadOfBursting()
        {
            var limiter = new RateLimiter();
            limiter.Observe(100, 10000, null, null);
            Assert.Equal(0, limiter.TryBook(0));
            Assert.Equal(100, limiter.TryBook(0));
            Assert.Equal(0, limiter.TryBook(100));
        }

        [Fact]
        public void APauseHoldsEveryoneBack()
        {
            var limiter = new RateLimiter();
            limiter.Observe(1000, 1000, null, null);
            long now = RateLimiter.NowMs;
            limiter.Pause(System.TimeSpan.FromSeconds(5));
            Assert.InRange(limiter.TryBook(now), 4000, 5000 + 100);
            Assert.Equal(0, limiter.TryBook(now + 5100));
        }

        [Fact]
        public void DailyQuotaZeroStopsFurtherRequestsUntilCleared()
        {
            var limiter = new RateLimiter();
            limiter.Observe(100, 10000, 5, 0);
            Assert.True(limiter.DailyQuotaExhausted);
            var error = Assert.Throws<ContactsApiException>(() => limiter.ThrowIfDailyQuotaExhausted());
            Assert.Equal(ApiErrorKind.DailyQuotaExhausted, error.Kind);
            Assert.NotNull(error.QuotaResetsAtUtc);
            limiter.ClearDailyQuotaExhaustion();
            limiter.ThrowIfDailyQuotaExhausted();
        }
    }
}
