import Foundation
import Syndication

/// What an element is to the validator: which rules its attributes, children and text follow.
enum Kind: Equatable {
    /// Not checked, nor anything inside it (an element of a namespace we do not know).
    case open

    // Atom 1.0 (RFC 4287)
    case atomFeed, atomEntry, atomSource
    case atomText  // title, subtitle, rights, summary
    case atomContent
    case atomPerson  // author, contributor
    case atomPersonName, atomPersonEmail, atomPersonURI
    case atomDate  // updated, published
    case atomID
    case atomLink
    case atomCategory
    case atomGenerator
    case atomURI  // icon, logo
    /// Inline XHTML inside an Atom text construct or content (below the wrapper `div`).
    case xhtml
    /// Inline MathML or SVG inside XHTML.
    case foreignMarkup

    // RSS 2.0 and its ancestors
    case rss, channel, item, image, textInput, cloud, skipHours, skipDays, enclosure, guid, rssSource, rssCategory

    // RSS 1.0 / 0.90
    case rdf, rdfChannel, rdfItem, rdfImage, rdfTextInput, rdfItems, rdfSeq, rdfLi

    /// Elements that are data, checked by a ``Leaf`` rule when they end.
    case leaf(Leaf)
    /// An element of an extension vocabulary described by ``Vocabulary`` (`media:content`).
    case vocabulary(String)
}

/// The checks for elements that hold a single value.
enum Leaf: Equatable {
    case text  // anything
    case plainText  // text that should not be HTML (titles, names)
    case html  // escaped HTML (descriptions)
    case nonBlankText
    case fullURL  // an absolute URL
    case rfc822Date
    case w3cdtf
    case rfc3339
    case rssContact  // managingEditor, webMaster, author
    case language
    case nonNegativeInteger
    case positiveInteger
    case ttl
    case imageWidth, imageHeight
    case hour, day
    case updatePeriod
    case updateFrequency
    /// An empty element whose `rdf:resource` attribute is a full URL.
    case rdfResource
    /// Text that is a URL in RSS 2.0, an `rdf:resource` attribute in RSS 1.0 (trackback).
    case trackbackURL
    case contentEncoded
    case xhtmlBody
    case xhtmlMeta
    case feedFlare
    case latitude, longitude
    /// GeoRSS Simple's shapes: a point, a line, a polygon, a box (latitude-longitude pairs).
    case geoPoint, geoLine, geoPolygon, geoBox
    case integer
    case inReplyTo
    case itunesExplicit
    case itunesDuration
    case yesNo
    case nss
    case trueFalse
    case float
    case mime
    case nptTime
    case iso8601
    case urlAttribute
    /// An RFC 2822 addr-spec alone.
    case email
    /// One of a fixed set of words, else the given code.
    case oneOf(MessageClass, Set<String>)
}

/// RDF/XML's grammar alternates: `rdf:RDF` holds node elements (a resource: channel, item,
/// rdf:Seq), a node element holds property elements (title, rdf:li), and a property element
/// holds text or one node element — unless its `rdf:parseType` says otherwise.
enum RDFRole: UInt8 {
    case none, root, node, property, propertyOfResource, literal
}

/// One open element.
final class Node {
    let namespace: String
    let localName: String
    /// The prefix the document wrote, if any.
    let prefix: String?
    /// The name used in messages: the local name for the document's own vocabulary,
    /// `prefix:local` (with the well-known prefix) for extensions.
    let name: String
    /// The name used for the parent of an attribute in messages (`sx_history`).
    var attributeParentName: String {
        name.utf8.contains(58) ? name.replacingOccurrences(of: ":", with: "_") : name
    }
    var kind: Kind
    let line: Int
    let column: Int
    let attributes: [ExtensionElement.Attribute]
    // One document, one thread, never re-entered: the dynamic exclusivity checks buy nothing.
    @exclusivity(unchecked) var text: [UInt8] = []
    @exclusivity(unchecked) var cdata = false
    @exclusivity(unchecked) var childElements = 0
    /// How many of each child element it has had, by name: a short list, searched in order
    /// (an element has a handful of distinct children; a dictionary would cost more).
    @exclusivity(unchecked) private var childNames: [String] = []
    @exclusivity(unchecked) private var childCounts: [Int] = []
    /// Non-whitespace text directly inside an element that should only hold elements.
    @exclusivity(unchecked) var strayText = false
    /// In RSS 1.0, what RDF/XML makes of the element (``RDFRole``), and whether it holds text.
    @exclusivity(unchecked) var rdfRole = RDFRole.none
    @exclusivity(unchecked) var rdfText = false
    /// Free-form facts a rule records for its `end` (the `type` of a text construct, …).
    @exclusivity(unchecked) var facts: [String: String] = [:]

    init(
        namespace: String, prefix: String?, localName: String, name: String, kind: Kind, line: Int,
        column: Int, attributes: [ExtensionElement.Attribute]
    ) {
        self.namespace = namespace
        self.prefix = prefix
        self.localName = localName
        self.name = name
        self.kind = kind
        self.line = line
        self.column = column
        self.attributes = attributes
    }

    func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }

    var value: String { String(decoding: text, as: UTF8.self) }

    var keepsText: Bool {
        switch kind {
        case .open, .atomFeed, .atomEntry, .atomSource, .atomPerson, .rss, .channel, .item, .image,
            .textInput, .cloud, .enclosure, .skipHours, .skipDays, .rdf, .rdfChannel, .rdfItem, .rdfImage, .rdfTextInput,
            .rdfItems, .rdfSeq, .foreignMarkup:
            return false
        default:
            return true
        }
    }

    func seen(_ child: String) -> Bool { count(child) > 0 }

    func count(_ child: String) -> Int {
        for i in childNames.indices where childNames[i] == child { return childCounts[i] }
        return 0
    }

    func addChild(_ child: String) {
        for i in childNames.indices where childNames[i] == child {
            childCounts[i] += 1
            return
        }
        childNames.append(child)
        childCounts.append(1)
    }
}
