// The one error type of ldso: which file, which field, where, and what.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace ldso {

class Error : public std::runtime_error {
 public:
  // `field` names the ELF field or loader step ("e_machine", "phdr[2].p_align",
  // "mmap"); `offset` is the file offset of that field when it has one.
  Error(std::string file, std::string field, std::optional<uint64_t> offset, std::string what)
      : std::runtime_error(file + ": " + what),
        file_(std::move(file)), field_(std::move(field)), offset_(offset), what_(std::move(what)) {}

  const std::string& file() const { return file_; }
  const std::string& field() const { return field_; }
  std::optional<uint64_t> offset() const { return offset_; }
  // The message without the file name.
  const std::string& detail() const { return what_; }

 private:
  std::string file_, field_;
  std::optional<uint64_t> offset_;
  std::string what_;
};

// printf-style formatting for error messages.
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace ldso
