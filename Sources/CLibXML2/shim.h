#ifndef OPAPM_CLIBXML2_SHIM_H
#define OPAPM_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its headers then pull in ICU, which clashes with Foundation.
   Nothing here needs ICU, so turn the switch off before the other headers read it. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlwriter.h>

/* xmlFree is a macro-like global function pointer; give Swift a plain function. */
static inline void opapm_xml_free(void *pointer) { xmlFree(pointer); }

#endif
