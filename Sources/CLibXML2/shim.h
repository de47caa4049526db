#ifndef MEDIAWIRE_CLIBXML2_SHIM_H
#define MEDIAWIRE_CLIBXML2_SHIM_H

// xmlversion.h first: Debian builds libxml2 with ICU, and its ICU headers clash with
// Foundation's own ICU module on clean Swift builds. We never use the ICU paths.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

/// `xmlFree` is a global function pointer, which Swift cannot call directly.
static inline void mw_xmlFree(void *ptr) { xmlFree(ptr); }

/// Stops the push parser from inside a SAX callback (the context is `void *` there).
static inline void mw_stopParser(void *ctx) { xmlStopParser((xmlParserCtxtPtr)ctx); }

/// The current line of the parser behind a SAX callback's context.
static inline int mw_currentLine(void *ctx) { return xmlSAX2GetLineNumber(ctx); }
static inline int mw_currentColumn(void *ctx) { return xmlSAX2GetColumnNumber(ctx); }

#endif
