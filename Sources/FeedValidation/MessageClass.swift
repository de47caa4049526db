/// A message class of the W3C Feed Validation Service, with the severity we report it at: one
/// static per class, so a misspelt class does not compile (swift-format's `Finding.Message` does
/// the same for its findings). The names are the W3C's, so its documentation applies
/// (`../shared/conformance/feedvalidator/docs/`); the words of each message are our own
/// (``Catalog/message(_:_:)``).
public struct MessageClass: Hashable, Sendable, CustomStringConvertible {
    /// The W3C's class name (`MissingElement`), as reported in `Diagnostic.code`.
    public let name: String
    public let severity: Diagnostic.Severity

    private init(_ name: String, _ severity: Diagnostic.Severity) {
        self.name = name
        self.severity = severity
    }

    public var description: String { name }

    /// Where our rule for this class deliberately differs from the W3C validator's, and why
    /// (the README lists them; JSON output carries it with each such finding).
    public var deliberateDifference: String? { Self.deliberate[self] }

    private static let deliberate: [MessageClass: String] = [
        .invalidPermalink:
            "every URN and tag: URI, not only urn:uuid: and tag:, is an identifier that locates nothing (RFC 8141 §1), so never a permalink"
    ]

    public static let archiveIncomplete = MessageClass("ArchiveIncomplete", .warning)
    public static let atomLinkNotEmpty = MessageClass("AtomLinkNotEmpty", .warning)
    public static let attrNotBlank = MessageClass("AttrNotBlank", .warning)
    public static let avoidNamespacePrefix = MessageClass("AvoidNamespacePrefix", .warning)
    public static let avoidTextInput = MessageClass("AvoidTextInput", .warning)
    public static let badCharacters = MessageClass("BadCharacters", .warning)
    public static let badXmlVersion = MessageClass("BadXmlVersion", .error)
    public static let bestPractices = MessageClass("BestPractices", .info)
    public static let characterData = MessageClass("CharacterData", .warning)
    public static let cloudflareHttpError = MessageClass("CloudflareHttpError", .error)
    public static let commentRSS = MessageClass("CommentRSS", .warning)
    public static let conflictingCatAttr = MessageClass("ConflictingCatAttr", .error)
    public static let conflictingCatChildren = MessageClass("ConflictingCatChildren", .error)
    public static let containsEmail = MessageClass("ContainsEmail", .warning)
    public static let containsHTML = MessageClass("ContainsHTML", .warning)
    public static let containsRelRef = MessageClass("ContainsRelRef", .warning)
    public static let containsSystemEntity = MessageClass("ContainsSystemEntity", .info)
    public static let containsUndeclaredHTML = MessageClass("ContainsUndeclaredHTML", .warning)
    public static let coordComma = MessageClass("CoordComma", .warning)
    public static let currentNotSelfInCompleteFeed = MessageClass("CurrentNotSelfInCompleteFeed", .error)
    public static let dangerousStyleAttr = MessageClass("DangerousStyleAttr", .warning)
    public static let deprecated = MessageClass("Deprecated", .warning)
    public static let deprecatedDTD = MessageClass("DeprecatedDTD", .error)
    public static let deprecatedMediaAdult = MessageClass("DeprecatedMediaAdult", .warning)
    public static let deprecatedRootHref = MessageClass("DeprecatedRootHref", .warning)
    public static let duplicateAtomLink = MessageClass("DuplicateAtomLink", .error)
    public static let duplicateDescriptionSemantics = MessageClass("DuplicateDescriptionSemantics", .warning)
    public static let duplicateElement = MessageClass("DuplicateElement", .error)
    public static let duplicateEnclosure = MessageClass("DuplicateEnclosure", .warning)
    public static let duplicateEntries = MessageClass("DuplicateEntries", .warning)
    public static let duplicateIds = MessageClass("DuplicateIds", .error)
    public static let duplicateItemSemantics = MessageClass("DuplicateItemSemantics", .warning)
    public static let duplicateSemantics = MessageClass("DuplicateSemantics", .warning)
    public static let duplicateUpdated = MessageClass("DuplicateUpdated", .warning)
    public static let duplicateValue = MessageClass("DuplicateValue", .error)
    public static let eightDaysAWeek = MessageClass("EightDaysAWeek", .error)
    public static let emailFormat = MessageClass("EmailFormat", .warning)
    public static let encodingMismatch = MessageClass("EncodingMismatch", .warning)
    public static let error = MessageClass("Error", .error)
    public static let feedHistoryRelInEntry = MessageClass("FeedHistoryRelInEntry", .warning)
    public static let feedRelInCompleteFeed = MessageClass("FeedRelInCompleteFeed", .error)
    public static let htmlFragment = MessageClass("HtmlFragment", .warning)
    public static let httpError = MessageClass("HttpError", .error)
    public static let httpErrorWithPossibleFeed = MessageClass("HttpErrorWithPossibleFeed", .error)
    public static let httpProtocolError = MessageClass("HttpProtocolError", .error)
    public static let httpsProtocolError = MessageClass("HttpsProtocolError", .error)
    public static let httpsProtocolWarning = MessageClass("HttpsProtocolWarning", .warning)
    public static let ioError = MessageClass("IOError", .error)
    public static let imageLinkDoesntMatch = MessageClass("ImageLinkDoesntMatch", .warning)
    public static let imageTitleDoesntMatch = MessageClass("ImageTitleDoesntMatch", .warning)
    public static let imageUrlFormat = MessageClass("ImageUrlFormat", .warning)
    public static let implausibleDate = MessageClass("ImplausibleDate", .warning)
    public static let incorrectDOW = MessageClass("IncorrectDOW", .error)
    public static let info = MessageClass("Info", .info)
    public static let integerOverflow = MessageClass("IntegerOverflow", .error)
    public static let invalidAccessRestrictionRel = MessageClass("InvalidAccessRestrictionRel", .error)
    public static let invalidAddrSpec = MessageClass("InvalidAddrSpec", .error)
    public static let invalidAdultContent = MessageClass("InvalidAdultContent", .warning)
    public static let invalidAlphanum = MessageClass("InvalidAlphanum", .error)
    public static let invalidAltitudeMode = MessageClass("InvalidAltitudeMode", .error)
    public static let invalidAngle = MessageClass("InvalidAngle", .error)
    public static let invalidBooleanAttribute = MessageClass("InvalidBooleanAttribute", .error)
    public static let invalidColor = MessageClass("InvalidColor", .error)
    public static let invalidColorMode = MessageClass("InvalidColorMode", .error)
    public static let invalidCommaSeparatedIntegers = MessageClass("InvalidCommaSeparatedIntegers", .error)
    public static let invalidContact = MessageClass("InvalidContact", .error)
    public static let invalidContentMode = MessageClass("InvalidContentMode", .error)
    public static let invalidCoord = MessageClass("InvalidCoord", .error)
    public static let invalidCoordList = MessageClass("InvalidCoordList", .error)
    public static let invalidCountryCode = MessageClass("InvalidCountryCode", .error)
    public static let invalidCreditRole = MessageClass("InvalidCreditRole", .error)
    public static let invalidCurrencyUnit = MessageClass("InvalidCurrencyUnit", .error)
    public static let invalidDay = MessageClass("InvalidDay", .error)
    public static let invalidDoctype = MessageClass("InvalidDoctype", .error)
    public static let invalidDuration = MessageClass("InvalidDuration", .error)
    public static let invalidEncoding = MessageClass("InvalidEncoding", .error)
    public static let invalidExpansionState = MessageClass("InvalidExpansionState", .error)
    public static let invalidFloat = MessageClass("InvalidFloat", .error)
    public static let invalidFloatUnit = MessageClass("InvalidFloatUnit", .error)
    public static let invalidFormComponentName = MessageClass("InvalidFormComponentName", .error)
    public static let invalidFullLink = MessageClass("InvalidFullLink", .error)
    public static let invalidFullLocation = MessageClass("InvalidFullLocation", .error)
    public static let invalidGender = MessageClass("InvalidGender", .error)
    public static let invalidHeight = MessageClass("InvalidHeight", .error)
    public static let invalidHour = MessageClass("InvalidHour", .error)
    public static let invalidHttpGUID = MessageClass("InvalidHttpGUID", .error)
    public static let invalidIRI = MessageClass("InvalidIRI", .error)
    public static let invalidISO8601Date = MessageClass("InvalidISO8601Date", .error)
    public static let invalidISO8601DateTime = MessageClass("InvalidISO8601DateTime", .error)
    public static let invalidIntUnit = MessageClass("InvalidIntUnit", .error)
    public static let invalidInteger = MessageClass("InvalidInteger", .error)
    public static let invalidIntegerAttribute = MessageClass("InvalidIntegerAttribute", .error)
    public static let invalidItemIconState = MessageClass("InvalidItemIconState", .error)
    public static let invalidItunesCategory = MessageClass("InvalidItunesCategory", .error)
    public static let invalidItunesChannelType = MessageClass("InvalidItunesChannelType", .error)
    public static let invalidItunesEpisodeType = MessageClass("InvalidItunesEpisodeType", .error)
    public static let invalidKeywords = MessageClass("InvalidKeywords", .warning)
    public static let invalidKmlCoordList = MessageClass("InvalidKmlCoordList", .error)
    public static let invalidKmlLatitude = MessageClass("InvalidKmlLatitude", .error)
    public static let invalidKmlLongitude = MessageClass("InvalidKmlLongitude", .error)
    public static let invalidKmlMediaType = MessageClass("InvalidKmlMediaType", .warning)
    public static let invalidKmlUnits = MessageClass("InvalidKmlUnits", .error)
    public static let invalidLabel = MessageClass("InvalidLabel", .error)
    public static let invalidLanguage = MessageClass("InvalidLanguage", .error)
    public static let invalidLatitude = MessageClass("InvalidLatitude", .error)
    public static let invalidLink = MessageClass("InvalidLink", .error)
    public static let invalidListItemType = MessageClass("InvalidListItemType", .error)
    public static let invalidLocalParameter = MessageClass("InvalidLocalParameter", .error)
    public static let invalidLocalRole = MessageClass("InvalidLocalRole", .error)
    public static let invalidLocation = MessageClass("InvalidLocation", .error)
    public static let invalidLongitude = MessageClass("InvalidLongitude", .error)
    public static let invalidMIMEAttribute = MessageClass("InvalidMIMEAttribute", .error)
    public static let invalidMIMEType = MessageClass("InvalidMIMEType", .error)
    public static let invalidMaritalStatus = MessageClass("InvalidMaritalStatus", .error)
    public static let invalidMediaExpression = MessageClass("InvalidMediaExpression", .error)
    public static let invalidMediaHash = MessageClass("InvalidMediaHash", .error)
    public static let invalidMediaMedium = MessageClass("InvalidMediaMedium", .error)
    public static let invalidMediaRating = MessageClass("InvalidMediaRating", .error)
    public static let invalidMediaRestriction = MessageClass("InvalidMediaRestriction", .error)
    public static let invalidMediaRestrictionRel = MessageClass("InvalidMediaRestrictionRel", .error)
    public static let invalidMediaRestrictionType = MessageClass("InvalidMediaRestrictionType", .error)
    public static let invalidMediaTextType = MessageClass("InvalidMediaTextType", .error)
    public static let invalidMetaContent = MessageClass("InvalidMetaContent", .error)
    public static let invalidMetaName = MessageClass("InvalidMetaName", .error)
    public static let invalidNPTTime = MessageClass("InvalidNPTTime", .error)
    public static let invalidNSS = MessageClass("InvalidNSS", .error)
    public static let invalidNamespace = MessageClass("InvalidNamespace", .error)
    public static let invalidNonNegativeInteger = MessageClass("InvalidNonNegativeInteger", .error)
    public static let invalidOPMLVersion = MessageClass("InvalidOPMLVersion", .error)
    public static let invalidOutlineType = MessageClass("InvalidOutlineType", .warning)
    public static let invalidOutlineVersion = MessageClass("InvalidOutlineVersion", .warning)
    public static let invalidPaymentMethod = MessageClass("InvalidPaymentMethod", .error)
    public static let invalidPercentage = MessageClass("InvalidPercentage", .error)
    public static let invalidPermalink = MessageClass("InvalidPermalink", .error)
    public static let invalidPositiveInteger = MessageClass("InvalidPositiveInteger", .error)
    public static let invalidPriceType = MessageClass("InvalidPriceType", .error)
    public static let invalidRDF = MessageClass("InvalidRDF", .error)
    public static let invalidRFC2822Date = MessageClass("InvalidRFC2822Date", .error)
    public static let invalidRFC3339Date = MessageClass("InvalidRFC3339Date", .error)
    public static let invalidRSSVersion = MessageClass("InvalidRSSVersion", .error)
    public static let invalidRatingType = MessageClass("InvalidRatingType", .error)
    public static let invalidRefreshMode = MessageClass("InvalidRefreshMode", .error)
    public static let invalidReviewerType = MessageClass("InvalidReviewerType", .error)
    public static let invalidSalaryType = MessageClass("InvalidSalaryType", .error)
    public static let invalidSchemaFieldType = MessageClass("InvalidSchemaFieldType", .error)
    public static let invalidServiceType = MessageClass("InvalidServiceType", .error)
    public static let invalidSseType = MessageClass("InvalidSseType", .error)
    public static let invalidStyleState = MessageClass("InvalidStyleState", .error)
    public static let invalidSyndicationRight = MessageClass("InvalidSyndicationRight", .error)
    public static let invalidTAG = MessageClass("InvalidTAG", .error)
    public static let invalidTextType = MessageClass("InvalidTextType", .error)
    public static let invalidTrueFalse = MessageClass("InvalidTrueFalse", .error)
    public static let invalidURI = MessageClass("InvalidURI", .error)
    public static let invalidURIAttribute = MessageClass("InvalidURIAttribute", .error)
    public static let invalidURLAttribute = MessageClass("InvalidURLAttribute", .error)
    public static let invalidURN = MessageClass("InvalidURN", .error)
    public static let invalidUUID = MessageClass("InvalidUUID", .error)
    public static let invalidUpdatePeriod = MessageClass("InvalidUpdatePeriod", .error)
    public static let invalidUriChar = MessageClass("InvalidUriChar", .error)
    public static let invalidValue = MessageClass("InvalidValue", .error)
    public static let invalidViewRefreshMode = MessageClass("InvalidViewRefreshMode", .error)
    public static let invalidW3CDTFDate = MessageClass("InvalidW3CDTFDate", .error)
    public static let invalidWidth = MessageClass("InvalidWidth", .error)
    public static let invalidYear = MessageClass("InvalidYear", .error)
    public static let invalidYesNo = MessageClass("InvalidYesNo", .error)
    public static let invalidYesNoClean = MessageClass("InvalidYesNoClean", .error)
    public static let invalidZeroOne = MessageClass("InvalidZeroOne", .error)
    public static let itemMustContainTitleOrDescription = MessageClass("ItemMustContainTitleOrDescription", .error)
    public static let linkPastEnd = MessageClass("LinkPastEnd", .error)
    public static let mediaGroupWithoutAlternatives = MessageClass("MediaGroupWithoutAlternatives", .error)
    public static let mediaRssNamespace = MessageClass("MediaRssNamespace", .error)
    public static let misplacedItem = MessageClass("MisplacedItem", .warning)
    public static let misplacedMetadata = MessageClass("MisplacedMetadata", .error)
    public static let misplacedXHTMLContent = MessageClass("MisplacedXHTMLContent", .warning)
    public static let missingAtomSelfLink = MessageClass("MissingAtomSelfLink", .warning)
    public static let missingAttribute = MessageClass("MissingAttribute", .error)
    public static let missingByAndWhenAttrs = MessageClass("MissingByAndWhenAttrs", .error)
    public static let missingContentOrAlternate = MessageClass("MissingContentOrAlternate", .error)
    public static let missingCurrentInArchive = MessageClass("MissingCurrentInArchive", .warning)
    public static let missingDCLanguage = MessageClass("MissingDCLanguage", .info)
    public static let missingDescription = MessageClass("MissingDescription", .error)
    public static let missingElement = MessageClass("MissingElement", .error)
    public static let missingEncoding = MessageClass("MissingEncoding", .info)
    public static let missingGuid = MessageClass("MissingGuid", .warning)
    public static let missingHref = MessageClass("MissingHref", .error)
    public static let missingId = MessageClass("MissingId", .warning)
    public static let missingItunesElement = MessageClass("MissingItunesElement", .warning)
    public static let missingItunesEmail = MessageClass("MissingItunesEmail", .warning)
    public static let missingLink = MessageClass("MissingLink", .error)
    public static let missingNamespace = MessageClass("MissingNamespace", .error)
    public static let missingOutlineType = MessageClass("MissingOutlineType", .warning)
    public static let missingRealName = MessageClass("MissingRealName", .warning)
    public static let missingRecommendedAttribute = MessageClass("MissingRecommendedAttribute", .warning)
    public static let missingRecommendedElement = MessageClass("MissingRecommendedElement", .info)
    public static let missingSelf = MessageClass("MissingSelf", .warning)
    public static let missingSourceElement = MessageClass("MissingSourceElement", .warning)
    public static let missingSummary = MessageClass("MissingSummary", .error)
    public static let missingTextualContent = MessageClass("MissingTextualContent", .warning)
    public static let missingTitle = MessageClass("MissingTitle", .error)
    public static let missingTitleAttr = MessageClass("MissingTitleAttr", .warning)
    public static let missingTypeAttr = MessageClass("MissingTypeAttr", .warning)
    public static let missingUrlAttr = MessageClass("MissingUrlAttr", .warning)
    public static let missingXhtmlDiv = MessageClass("MissingXhtmlDiv", .error)
    public static let missingXmlURL = MessageClass("MissingXmlURL", .warning)
    public static let needDescriptionBeforeContent = MessageClass("NeedDescriptionBeforeContent", .warning)
    public static let noBlink = MessageClass("NoBlink", .error)
    public static let noThrWhen = MessageClass("NoThrWhen", .error)
    public static let nonCanonicalURI = MessageClass("NonCanonicalURI", .warning)
    public static let nonSpecificMediaType = MessageClass("NonSpecificMediaType", .warning)
    public static let nonstdEncoding = MessageClass("NonstdEncoding", .info)
    public static let nonstdPrefix = MessageClass("NonstdPrefix", .info)
    public static let notBase64 = MessageClass("NotBase64", .error)
    public static let notBlank = MessageClass("NotBlank", .warning)
    public static let notEnoughHoursInTheDay = MessageClass("NotEnoughHoursInTheDay", .error)
    public static let notEscaped = MessageClass("NotEscaped", .error)
    public static let notHtml = MessageClass("NotHtml", .warning)
    public static let notInANamespace = MessageClass("NotInANamespace", .error)
    public static let notInline = MessageClass("NotInline", .warning)
    public static let notSufficientlyUnique = MessageClass("NotSufficientlyUnique", .warning)
    public static let notURLEncoded = MessageClass("NotURLEncoded", .error)
    public static let notUTF8 = MessageClass("NotUTF8", .warning)
    public static let obscureEncoding = MessageClass("ObscureEncoding", .warning)
    public static let obsoleteItunesCategory = MessageClass("ObsoleteItunesCategory", .warning)
    public static let obsoleteNamespace = MessageClass("ObsoleteNamespace", .error)
    public static let obsoleteVersion = MessageClass("ObsoleteVersion", .warning)
    public static let obsoleteWikiNamespace = MessageClass("ObsoleteWikiNamespace", .warning)
    public static let problematicalRFC822Date = MessageClass("ProblematicalRFC822Date", .warning)
    public static let questionableUsage = MessageClass("QuestionableUsage", .warning)
    public static let rss20Profile = MessageClass("RSS20Profile", .warning)
    public static let relativeSelf = MessageClass("RelativeSelf", .warning)
    public static let reservedPrefix = MessageClass("ReservedPrefix", .warning)
    public static let saxError = MessageClass("SAXError", .error)
    public static let sameDocumentReference = MessageClass("SameDocumentReference", .warning)
    public static let schemeNotIANARegistered = MessageClass("SchemeNotIANARegistered", .warning)
    public static let securityRisk = MessageClass("SecurityRisk", .warning)
    public static let securityRiskAttr = MessageClass("SecurityRiskAttr", .warning)
    public static let selfDoesntMatchLocation = MessageClass("SelfDoesntMatchLocation", .warning)
    public static let selfNotAtom = MessageClass("SelfNotAtom", .warning)
    public static let shouldIncludeExample = MessageClass("ShouldIncludeExample", .warning)
    public static let sinceAfterUntil = MessageClass("SinceAfterUntil", .error)
    public static let slashDate = MessageClass("SlashDate", .warning)
    public static let tempRedirect = MessageClass("TempRedirect", .info)
    public static let textXml = MessageClass("TextXml", .info)
    public static let tooLong = MessageClass("TooLong", .error)
    public static let tooMany = MessageClass("TooMany", .error)
    public static let uncompressed = MessageClass("Uncompressed", .info)
    public static let undeclaredPrefix = MessageClass("UndeclaredPrefix", .error)
    public static let undefinedElement = MessageClass("UndefinedElement", .error)
    public static let undefinedNamedEntity = MessageClass("UndefinedNamedEntity", .error)
    public static let undefinedParam = MessageClass("UndefinedParam", .warning)
    public static let undeterminableVocabulary = MessageClass("UndeterminableVocabulary", .warning)
    public static let unexpectedAttribute = MessageClass("UnexpectedAttribute", .error)
    public static let unexpectedContentType = MessageClass("UnexpectedContentType", .warning)
    public static let unexpectedText = MessageClass("UnexpectedText", .error)
    public static let unexpectedWhitespace = MessageClass("UnexpectedWhitespace", .error)
    public static let unicodeError = MessageClass("UnicodeError", .error)
    public static let unknownEncoding = MessageClass("UnknownEncoding", .error)
    public static let unknownHost = MessageClass("UnknownHost", .warning)
    public static let unknownNamespace = MessageClass("UnknownNamespace", .warning)
    public static let unregisteredAtomLinkRel = MessageClass("UnregisteredAtomLinkRel", .warning)
    public static let unsupportedItunesFormat = MessageClass("UnsupportedItunesFormat", .warning)
    public static let unsupportedNamespace = MessageClass("UnsupportedNamespace", .info)
    public static let uriNotIri = MessageClass("UriNotIri", .error)
    public static let useOfExtensionAttr = MessageClass("UseOfExtensionAttr", .warning)
    public static let useZeroForMidnight = MessageClass("UseZeroForMidnight", .warning)
    public static let useZeroForUnknown = MessageClass("UseZeroForUnknown", .error)
    public static let validationFailure = MessageClass("ValidationFailure", .error)
    public static let validatorLimit = MessageClass("ValidatorLimit", .error)
    public static let wpBlankLine = MessageClass("WPBlankLine", .error)
    public static let warning = MessageClass("Warning", .warning)

    /// The classes by their W3C names.
    public static let named: [String: MessageClass] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Every class the validator can report.
    public static let all: [MessageClass] = [
        .archiveIncomplete, .atomLinkNotEmpty, .attrNotBlank, .avoidNamespacePrefix, .avoidTextInput, .badCharacters, .badXmlVersion,
        .bestPractices, .characterData, .cloudflareHttpError, .commentRSS, .conflictingCatAttr, .conflictingCatChildren, .containsEmail,
        .containsHTML, .containsRelRef, .containsSystemEntity, .containsUndeclaredHTML, .coordComma, .currentNotSelfInCompleteFeed,
        .dangerousStyleAttr, .deprecated, .deprecatedDTD, .deprecatedMediaAdult, .deprecatedRootHref, .duplicateAtomLink,
        .duplicateDescriptionSemantics, .duplicateElement, .duplicateEnclosure, .duplicateEntries, .duplicateIds, .duplicateItemSemantics,
        .duplicateSemantics, .duplicateUpdated, .duplicateValue, .eightDaysAWeek, .emailFormat, .encodingMismatch, .error,
        .feedHistoryRelInEntry, .feedRelInCompleteFeed, .htmlFragment, .httpError, .httpErrorWithPossibleFeed, .httpProtocolError,
        .httpsProtocolError, .httpsProtocolWarning, .ioError, .imageLinkDoesntMatch, .imageTitleDoesntMatch, .imageUrlFormat,
        .implausibleDate, .incorrectDOW, .info, .integerOverflow, .invalidAccessRestrictionRel, .invalidAddrSpec, .invalidAdultContent,
        .invalidAlphanum, .invalidAltitudeMode, .invalidAngle, .invalidBooleanAttribute, .invalidColor, .invalidColorMode,
        .invalidCommaSeparatedIntegers, .invalidContact, .invalidContentMode, .invalidCoord, .invalidCoordList, .invalidCountryCode,
        .invalidCreditRole, .invalidCurrencyUnit, .invalidDay, .invalidDoctype, .invalidDuration, .invalidEncoding, .invalidExpansionState,
        .invalidFloat, .invalidFloatUnit, .invalidFormComponentName, .invalidFullLink, .invalidFullLocation, .invalidGender, .invalidHeight,
        .invalidHour, .invalidHttpGUID, .invalidIRI, .invalidISO8601Date, .invalidISO8601DateTime, .invalidIntUnit, .invalidInteger,
        .invalidIntegerAttribute, .invalidItemIconState, .invalidItunesCategory, .invalidItunesChannelType, .invalidItunesEpisodeType,
        .invalidKeywords, .invalidKmlCoordList, .invalidKmlLatitude, .invalidKmlLongitude, .invalidKmlMediaType, .invalidKmlUnits,
        .invalidLabel, .invalidLanguage, .invalidLatitude, .invalidLink, .invalidListItemType, .invalidLocalParameter, .invalidLocalRole,
        .invalidLocation, .invalidLongitude, .invalidMIMEAttribute, .invalidMIMEType, .invalidMaritalStatus, .invalidMediaExpression,
        .invalidMediaHash, .invalidMediaMedium, .invalidMediaRating, .invalidMediaRestriction, .invalidMediaRestrictionRel,
        .invalidMediaRestrictionType, .invalidMediaTextType, .invalidMetaContent, .invalidMetaName, .invalidNPTTime, .invalidNSS,
        .invalidNamespace, .invalidNonNegativeInteger, .invalidOPMLVersion, .invalidOutlineType, .invalidOutlineVersion,
        .invalidPaymentMethod, .invalidPercentage, .invalidPermalink, .invalidPositiveInteger, .invalidPriceType, .invalidRDF,
        .invalidRFC2822Date, .invalidRFC3339Date, .invalidRSSVersion, .invalidRatingType, .invalidRefreshMode, .invalidReviewerType,
        .invalidSalaryType, .invalidSchemaFieldType, .invalidServiceType, .invalidSseType, .invalidStyleState, .invalidSyndicationRight,
        .invalidTAG, .invalidTextType, .invalidTrueFalse, .invalidURI, .invalidURIAttribute, .invalidURLAttribute, .invalidURN,
        .invalidUUID, .invalidUpdatePeriod, .invalidUriChar, .invalidValue, .invalidViewRefreshMode, .invalidW3CDTFDate, .invalidWidth,
        .invalidYear, .invalidYesNo, .invalidYesNoClean, .invalidZeroOne, .itemMustContainTitleOrDescription, .linkPastEnd,
        .mediaGroupWithoutAlternatives, .mediaRssNamespace, .misplacedItem, .misplacedMetadata, .misplacedXHTMLContent,
        .missingAtomSelfLink, .missingAttribute, .missingByAndWhenAttrs, .missingContentOrAlternate, .missingCurrentInArchive,
        .missingDCLanguage, .missingDescription, .missingElement, .missingEncoding, .missingGuid, .missingHref, .missingId,
        .missingItunesElement, .missingItunesEmail, .missingLink, .missingNamespace, .missingOutlineType, .missingRealName,
        .missingRecommendedAttribute, .missingRecommendedElement, .missingSelf, .missingSourceElement, .missingSummary,
        .missingTextualContent, .missingTitle, .missingTitleAttr, .missingTypeAttr, .missingUrlAttr, .missingXhtmlDiv, .missingXmlURL,
        .needDescriptionBeforeContent, .noBlink, .noThrWhen, .nonCanonicalURI, .nonSpecificMediaType, .nonstdEncoding, .nonstdPrefix,
        .notBase64, .notBlank, .notEnoughHoursInTheDay, .notEscaped, .notHtml, .notInANamespace, .notInline, .notSufficientlyUnique,
        .notURLEncoded, .notUTF8, .obscureEncoding, .obsoleteItunesCategory, .obsoleteNamespace, .obsoleteVersion, .obsoleteWikiNamespace,
        .problematicalRFC822Date, .questionableUsage, .rss20Profile, .relativeSelf, .reservedPrefix, .saxError, .sameDocumentReference,
        .schemeNotIANARegistered, .securityRisk, .securityRiskAttr, .selfDoesntMatchLocation, .selfNotAtom, .shouldIncludeExample,
        .sinceAfterUntil, .slashDate, .tempRedirect, .textXml, .tooLong, .tooMany, .uncompressed, .undeclaredPrefix, .undefinedElement,
        .undefinedNamedEntity, .undefinedParam, .undeterminableVocabulary, .unexpectedAttribute, .unexpectedContentType, .unexpectedText,
        .unexpectedWhitespace, .unicodeError, .unknownEncoding, .unknownHost, .unknownNamespace, .unregisteredAtomLinkRel,
        .unsupportedItunesFormat, .unsupportedNamespace, .uriNotIri, .useOfExtensionAttr, .useZeroForMidnight, .useZeroForUnknown,
        .validationFailure, .validatorLimit, .wpBlankLine, .warning,
    ]
}
