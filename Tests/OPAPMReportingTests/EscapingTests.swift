import Testing

@testable import OPAPMReporting

@Suite struct EscapingTests {
    @Test func htmlEscapesEveryCharacterThatCouldEndTextOrAnAttribute() {
        #expect(HTMLText.escape(#"<a href="x">Tom & Jerry's</a>"#)
            == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLText.escape("Peña Clínica — “plan” 医疗 & co") == "Peña Clínica — “plan” 医疗 &amp; co")
        #expect(HTMLText.escape("") == "")
        #expect(HTMLText.escape("plain text, nothing to do") == "plain text, nothing to do")
    }

    @Test func markdownCellsKeepPipesAndLinesFromBreakingTheTable() {
        #expect(ListMarkdown.cell("A | B\nC") == "A \\| B C")
        #expect(ListMarkdown.cell("Ünïcode | ok") == "Ünïcode \\| ok")
    }

    @Test func csvFieldsAreQuotedOnlyWhenTheyMustBe() {
        #expect(QPReport.field("plain") == "plain")
        #expect(QPReport.field("a,b") == "\"a,b\"")
        #expect(QPReport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(QPReport.field("line\r\nbreak") == "\"line\r\nbreak\"")
        #expect(QPReport.field("Peña, “ok”") == "\"Peña, “ok”\"")
    }
}
