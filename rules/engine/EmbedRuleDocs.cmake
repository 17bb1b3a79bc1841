# cmake -DOUTPUT=rule_docs.cpp -DDOCS="a.md|b.md" -P EmbedRuleDocs.cmake
# Writes rule_doc(id) and rule_doc_path(id) with every PLnnn_name.md embedded as a raw string.
set(body "")
string(REPLACE "|" ";" DOCS "${DOCS}")
foreach(doc IN LISTS DOCS)
  get_filename_component(name "${doc}" NAME_WE)
  get_filename_component(dir "${doc}" DIRECTORY)
  get_filename_component(group "${dir}" NAME)
  string(SUBSTRING "${name}" 0 5 id)
  file(READ "${doc}" text)
  string(APPEND body "    {\"${id}\", \"rules/${group}/${name}.md\", R\"patlessdoc(${text})patlessdoc\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from rules/*/PL*.md by EmbedRuleDocs.cmake. Do not edit.
#include <string_view>

#include \"rules/engine/rule.h\"

namespace patless {

namespace {
struct EmbeddedDoc {
  std::string_view id, path, text;
};
constexpr EmbeddedDoc kDocs[] = {
${body}    {\"\", \"\", \"\"},
};
}  // namespace

std::string_view rule_doc(std::string_view id) {
  for (const auto& d : kDocs)
    if (d.id == id) return d.text;
  return {};
}

std::string_view rule_doc_path(std::string_view id) {
  for (const auto& d : kDocs)
    if (d.id == id) return d.path;
  return {};
}

}  // namespace patless
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
