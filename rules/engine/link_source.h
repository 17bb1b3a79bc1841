// The documents of a scan as the parts read them to link them (rules/engine/parts.h):
// each by index, in memory, or made on demand (a scan that puts its models aside
// keeps their outlines encoded: a Document's fields alone take 512 bytes).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "grammars/model.h"

namespace patless {

class LinkSource {
 public:
  // Documents in memory (not copied: they outlive this).
  LinkSource(std::span<const Document> documents) : documents_(documents), size_(documents.size()) {}
  LinkSource(const std::vector<Document>& documents) : LinkSource(std::span<const Document>(documents)) {}
  // `size` documents, document i made by make(i) each time it is read.
  LinkSource(size_t size, std::function<Document(size_t)> make) : make_(std::move(make)), size_(size) {}

  size_t size() const { return size_; }
  // Calls `read` with document i.
  template <class F>
  void read(size_t i, F&& read) const {
    if (make_) {
      const Document made = make_(i);
      read(made);
    } else {
      read(documents_[i]);
    }
  }

 private:
  std::span<const Document> documents_;
  std::function<Document(size_t)> make_;
  size_t size_ = 0;
};

}  // namespace patless
