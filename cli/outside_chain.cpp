#include "cli/outside_chain.h"

#include <algorithm>

namespace patless {

bool outside_chain(const Document& d) {
  if (d.format != Format::Bicep && d.format != Format::Arm) return false;
  if (!d.errors.empty() || !d.modules.empty() || !d.nested.empty()) return false;
  if (std::any_of(d.resources.begin(), d.resources.end(), [](const Resource& r) { return is_chain_type(r.type); }))
    return false;
  // A suppression comment is checked (PL002, PL003) wherever it is.
  return std::none_of(d.comments.begin(), d.comments.end(),
                      [](const Comment& c) { return c.text.find("disable-") != std::string::npos; });
}

void drop_model(Document& d) {
  Document stub;
  stub.path = std::move(d.path);
  stub.format = d.format;
  d = std::move(stub);
}

}  // namespace patless
