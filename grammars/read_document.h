// Picks the reader for a file by its name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "grammars/model.h"

namespace patless {

enum class FileKind { Bicep, BicepParams, Json, Yaml, Other };
FileKind file_kind(std::string_view path);

// The names file_kind() reads, as a regular expression that POSIX extended
// grep, Python's re and ECMAScript read alike: the pre-commit hooks
// (install-hook's script, .pre-commit-hooks.yaml) pass the staged files it matches.
inline constexpr std::string_view kReadNamePattern =
    "\\.([Bb][Ii][Cc][Ee][Pp]([Pp][Aa][Rr][Aa][Mm])?|[Jj][Ss][Oo][Nn][Cc]?|[Yy][Aa]?[Mm][Ll])$|(^|/)Kustomization$";

// Most files of a repository are infrastructure that the identity chain never
// touches. With Detail::ChainOnly, a template outside the chain (outside_chain)
// comes back as an outline: path and format only, so that memory grows with
// what the chain needs rather than with the repository. The Bicep reader tells
// from the top-level statements and skips building the model at all. A Bicep
// file whose only links are modules (and `existing` clusters or identities,
// which link nothing on their own) is an outline with its modules' paths: the
// scan reads it whole if they reach the chain, or if a file of the chain reads
// its outputs (cli/file_models.cpp).
enum class Detail { Whole, ChainOnly };

// Reads one file's bytes into a Document, or nullopt when the file is not
// something patless lints (a .json that is no ARM template, YAML with no
// Kubernetes object in it, a Helm template).
std::optional<Document> read_document(const std::string& path, std::string_view bytes,
                                      Detail detail = Detail::Whole);

// The outline of a file: its path and format, nothing read.
inline Document outline_of(std::string path, Format format) {
  Document d;
  d.path = std::move(path);
  d.format = format;
  d.outline = true;
  return d;
}

// A Bicep or ARM template with no resource of the chain's types, no module, no
// nested deployment, no parse error and no suppression comment: no rule can
// report on it, and only a document that deploys it can read its outputs.
bool outside_chain(const Document& d);

}  // namespace patless
