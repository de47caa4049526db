import Foundation
import Testing

@Suite struct ParseCommandTests {
    let feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Tasnim</title><link>https://www.tasnimnews.com/en</link>
        <item><title>One</title><link>https://www.tasnimnews.com/en/news/1</link><guid>https://www.tasnimnews.com/en/news/1</guid></item>
        <item><title>Two</title><link>/en/news/2</link></item>
        </channel></rss>
        """

    @Test func humanSummary() throws {
        let file = try CLIRunner.temporaryFile(feed)
        let result = try CLIRunner.run(["parse", file.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("RSS 2.0"))
        #expect(result.stdout.contains("title: Tasnim"))
        #expect(result.stdout.contains("entries: 2"))
        #expect(result.stdout.contains("problems: none"))
    }

    @Test func jsonOutputIsFeedparserShaped() throws {
        let file = try CLIRunner.temporaryFile(feed)
        let result = try CLIRunner.run(["parse", file.path, "--json", "--base", "https://www.tasnimnews.com/"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "rss20")
        #expect(object["bozo"] as? Bool == false)
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(entries[1]["link"] as? String == "https://www.tasnimnews.com/en/news/2")
    }

    @Test func standardInput() throws {
        let result = try CLIRunner.run(["parse", "-", "--json"], stdin: Data(feed.utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"title\":\"Tasnim\""))
    }

    @Test func httpContextFromHeadersFile() throws {
        let file = try CLIRunner.temporaryFile(feed)
        let headers = try CLIRunner.temporaryFile(#"{"Content-Type": "application/rss+xml; charset=utf-8", "ETag": "\"x1\""}"#, name: "h.json")
        let result = try CLIRunner.run(["parse", file.path, "--json", "--url", "http://127.0.0.1:1/feed", "--headers", headers.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"etag\":\"\\\"x1\\\"\""))
        #expect(result.stdout.contains("\"href\":\"http://127.0.0.1:1/feed\""))
    }

    @Test func brokenFeedStillParsesAndReportsWhere() throws {
        let file = try CLIRunner.temporaryFile("<rss version=\"2.0\"><channel><title>X</title><item><title>a</item></channel>")
        let result = try CLIRunner.run(["parse", file.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("SAXParseException: line 1"))
    }

    @Test func missingFileIsAnErrorNamingIt() throws {
        let result = try CLIRunner.run(["parse", "/nonexistent/feed.xml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/feed.xml"))
    }

    @Test func unreachableURLIsAnError() throws {
        let result = try CLIRunner.run(["parse", "http://127.0.0.1:1/feed.xml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("127.0.0.1:1"))
    }
}
