// `patless graph`: the identity chain as an indented tree (terminals), Mermaid
// (Azure DevOps and GitHub markdown) or Graphviz DOT. Broken links are red and
// dashed with the rule ids; links patless cannot resolve are grey and dotted.
#include <set>
#include <vector>

#include "cli/reports.h"
#include "cli/utf8.h"

namespace patless {
namespace {

using State = ChainEdge::State;

// One line of a terminal: well-formed UTF-8, no control characters.
std::string plain(const std::string& text) {
  std::string s = valid_utf8(text);
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return s;
}

// Where a node is written; in a registry module or template spec, which one (the
// path would be Bicep's cache, outside the repository).
std::string place(const ChainNode& n) {
  if (n.path.empty()) return "";
  if (!n.registry.empty()) return "'" + n.registry + "' (main.json:" + std::to_string(n.line) + ")";
  return n.path + ":" + std::to_string(n.line);
}

std::string rules_text(const std::vector<std::string>& rules) {
  std::string out = "✗";
  for (const std::string& r : rules) out += " " + r;
  return out;
}

std::string edge_text(const ChainEdge& e) {
  if (e.state == State::Broken) return rules_text(e.rules) + " " + e.label;
  if (e.state == State::Unknown) return e.label + " (unknown)";
  return e.label;
}

// A node's label in the pictures, a line each: what it is, its details, where,
// its rules; each line escaped for the format, joined with its line break.
std::string label(const ChainNode& n, std::string_view line_break, std::string (*escape)(const std::string&)) {
  std::vector<std::string> lines{n.label};
  lines.insert(lines.end(), n.details.begin(), n.details.end());
  if (!n.path.empty()) lines.push_back(place(n));
  if (!n.rules.empty()) lines.push_back(rules_text(n.rules));
  std::string out;
  for (const std::string& l : lines) {
    if (!out.empty()) out += line_break;
    out += escape(l);
  }
  return out;
}

// Red: a rule reports on the node, or it stands for what a rule says is missing.
bool drawn_broken(const ChainNode& n) { return !n.rules.empty() || n.kind == ChainNode::Kind::Missing; }

// --- text -------------------------------------------------------------------

// The chain's tree (chain_tree), indented.
class TextTree {
 public:
  TextTree(std::ostream& out, const ChainView& view) : out_(out), view_(view), tree_(chain_tree(view)) {}

  void write() {
    if (view_.nodes.empty()) {
      out_ << "No clusters, Flux resources or identities found.\n";
      return;
    }
    for (size_t i = 0; i < view_.nodes.size(); ++i)
      if (view_.nodes[i].kind == ChainNode::Kind::Cluster) root(i);
    for (size_t i = 0; i < view_.nodes.size(); ++i)  // what no cluster reaches: identities, Flux YAML
      if (!printed_.count(i) && !tree_.has_parent[i]) root(i);
  }

 private:
  std::ostream& out_;
  const ChainView& view_;
  const ChainTree tree_;
  std::set<size_t> printed_;

  void line(size_t n, const std::string& prefix, const ChainEdge* via, bool again) {
    const ChainNode& node = view_.nodes[n];
    out_ << prefix;
    if (via) out_ << "[" << edge_text(*via) << "] ";
    out_ << plain(node.label);
    if (!node.details.empty() && !again) {
      out_ << " (";
      for (size_t i = 0; i < node.details.size(); ++i) out_ << (i ? "; " : "") << plain(node.details[i]);
      out_ << ")";
    }
    if (again) out_ << " (above)";
    else if (!node.path.empty()) out_ << "  " << plain(place(node));
    if (!node.rules.empty() && !again) out_ << "  " << rules_text(node.rules);
    out_ << "\n";
  }

  void root(size_t n) {
    printed_.insert(n);
    line(n, "", nullptr, false);
    below(n, "");
    out_ << "\n";
  }

  void below(size_t n, const std::string& indent) {
    const auto& kids = tree_.children[n];
    for (size_t k = 0; k < kids.size(); ++k) {
      auto [e, c] = kids[k];
      bool last = k + 1 == kids.size();
      // A cluster seen again (the issuer of a credential) or any node printed already is named, not expanded.
      bool again = printed_.count(c) > 0;
      line(c, indent + (last ? "└─ " : "├─ "), e, again);
      if (again) continue;
      printed_.insert(c);
      below(c, indent + (last ? "   " : "│  "));
    }
  }
};

// --- Mermaid ----------------------------------------------------------------

std::string mermaid_escape(const std::string& text) {
  std::string out, s = valid_utf8(text);
  for (char c : s) {
    if (c == '"') out += "#quot;";
    else if (c == '<') out += "#lt;";
    else if (c == '>') out += "#gt;";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

void write_mermaid(std::ostream& out, const ChainView& view) {
  out << "graph LR\n";  // `graph`, not `flowchart`: the older Mermaid of Azure DevOps wikis reads it too
  out << "  classDef broken stroke:#d00,stroke-width:2px,color:#d00\n";
  out << "  classDef unknown stroke:#888,stroke-dasharray:4 3,color:#666\n";
  for (size_t i = 0; i < view.nodes.size(); ++i) {
    const ChainNode& n = view.nodes[i];
    out << "  n" << i << "[\"" << label(n, "<br/>", mermaid_escape) << "\"]\n";
    if (drawn_broken(n)) out << "  class n" << i << " broken\n";
    else if (n.kind == ChainNode::Kind::Unknown) out << "  class n" << i << " unknown\n";
  }
  for (size_t i = 0; i < view.edges.size(); ++i) {
    const ChainEdge& e = view.edges[i];
    const char* arrow = e.state == State::Ok ? "-->" : "-.->";
    out << "  n" << e.from << " " << arrow << "|\"" << mermaid_escape(edge_text(e)) << "\"| n" << e.to << "\n";
  }
  for (size_t i = 0; i < view.edges.size(); ++i) {
    if (view.edges[i].state == State::Broken) out << "  linkStyle " << i << " stroke:#d00,color:#d00\n";
    if (view.edges[i].state == State::Unknown) out << "  linkStyle " << i << " stroke:#888,color:#666\n";
  }
}

// --- DOT --------------------------------------------------------------------

std::string dot_escape(const std::string& text) {
  std::string out, s = valid_utf8(text);
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r') out += "\\n";
    else out += c;
  }
  return out;
}

void write_dot(std::ostream& out, const ChainView& view) {
  out << "digraph patless {\n";
  out << "  rankdir=LR;\n";
  out << "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n";
  out << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (size_t i = 0; i < view.nodes.size(); ++i) {
    const ChainNode& n = view.nodes[i];
    out << "  n" << i << " [label=\"" << label(n, "\\n", dot_escape) << "\"";
    if (drawn_broken(n))
      out << ", color=\"#d00000\", fontcolor=\"#d00000\", penwidth=2";
    else if (n.kind == ChainNode::Kind::Unknown)
      out << ", color=\"#888888\", fontcolor=\"#666666\", style=\"rounded,dotted\"";
    out << "];\n";
  }
  for (const ChainEdge& e : view.edges) {
    out << "  n" << e.from << " -> n" << e.to << " [label=\"" << dot_escape(edge_text(e)) << "\"";
    if (e.state == State::Broken) out << ", color=\"#d00000\", fontcolor=\"#d00000\", style=dashed";
    if (e.state == State::Unknown) out << ", color=\"#888888\", fontcolor=\"#666666\", style=dotted";
    out << "];\n";
  }
  out << "}\n";
}

}  // namespace

void write_graph(std::ostream& out, const ChainView& view, std::string_view format) {
  if (format == "mermaid") write_mermaid(out, view);
  else if (format == "dot") write_dot(out, view);
  else TextTree(out, view).write();
}

}  // namespace patless
