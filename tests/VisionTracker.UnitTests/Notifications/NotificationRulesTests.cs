using VisionTracker.Application.Notifications;
using VisionTracker.Domain.Figures;

namespace VisionTracker.UnitTests.Notifications;

public sealed class NotificationRulesTests
{
    [Fact]
    public void Build_UserTextWithMarkup_IsEncodedInHtmlAndKeptInPlainText()
    {
        var body = new MessageBuilder()
            .Paragraph("Mål: <script>alert('x')</script> & \"co\"")
            .Item("Åbn <b>værksted</b>", "https://example.org/a?b=1&c=\"2\"");

        var (text, html) = body.Build();

        text.ShouldContain("Mål: <script>alert('x')</script> & \"co\"", Case.Sensitive);
        text.ShouldContain("- Åbn <b>værksted</b>\n  https://example.org/a?b=1&c=\"2\"", Case.Sensitive);
        html.ShouldContain("<p>Mål: &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;co&quot;</p>", Case.Sensitive);
        html.ShouldContain("<li><a href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\">Åbn &lt;b&gt;værksted&lt;/b&gt;</a></li>", Case.Sensitive);
        html.ShouldNotContain("<script>", Case.Sensitive);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(6, 1920)]
    [InlineData(12, 21600)]
    public void RetryDelay_AfterEachFailure_DoublesUpToTheCap(int attempts, int expectedSeconds)
    {
        var options = new DeliveryOptions { FirstRetryDelaySeconds = 60, MaxRetryDelayMinutes = 360 };

        options.RetryDelay(attempts).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData("en", "Reminder: 2 item(s) waiting for a check-in", "20 March 2027", "on track")]
    [InlineData("da", "Påmindelse: 2 punkt(er) venter på en opfølgning", "20. marts 2027", "på sporet")]
    [InlineData("fr", "Påmindelse: 2 punkt(er) venter på en opfølgning", "20. marts 2027", "på sporet")]
    public void Texts_ForACulture_SpeakItsLanguageAndFallBackToDanish(string culture, string subject, string date, string onTrack)
    {
        var t = NotificationTexts.For(culture);

        t.Format(t.CheckInSubject, 2).ShouldBe(subject);
        t.Date(new DateOnly(2027, 3, 20)).ShouldBe(date);
        t.Statuses[ProgressStatus.OnTrack].ShouldBe(onTrack);
        t.Percent(0.256).ShouldBe("26 %");
        t.Percent(null).ShouldBe(culture == "en" ? "no figure" : "ingen tal");
    }
}
