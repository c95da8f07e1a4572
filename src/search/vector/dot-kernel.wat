;; Integer dot products of one int16 query with many int8 vectors, 16 dimensions per step with
;; WebAssembly SIMD (i32x4.dot_i16x8_s multiplies eight pairs and adds them pairwise in one
;; instruction, where the scalar loop in JavaScript takes one multiply-add per dimension).
;; Compiled by scripts/build-dot-kernel.mjs into dot-kernel-wasm.ts; the test suite checks that
;; the committed bytes are this file's.
(module
  (memory (export "memory") 1)
  ;; out[i] = sum over j < d of query[j] * codes[i * d + j], for i < n.
  ;; query: d int16 values at $query; codes: n * d int8 values at $codes; out: n int32 values.
  ;; d must be a positive multiple of 16; the caller bounds the query so no sum can overflow.
  (func (export "dots") (param $query i32) (param $codes i32) (param $n i32) (param $d i32) (param $out i32)
    (local $i i32) (local $j i32) (local $at i32) (local $sum v128) (local $c v128) (local $qj i32)
    (local.set $at (local.get $codes))
    (block $done
      (loop $vector
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (loop $step
          (local.set $c (v128.load (i32.add (local.get $at) (local.get $j))))
          (local.set $qj (i32.add (local.get $query) (i32.shl (local.get $j) (i32.const 1))))
          (local.set $sum (i32x4.add (local.get $sum)
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $c)) (v128.load (local.get $qj)))))
          (local.set $sum (i32x4.add (local.get $sum)
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $c)) (v128.load offset=16 (local.get $qj)))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $step (i32.lt_u (local.get $j) (local.get $d))))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $sum)) (i32x4.extract_lane 1 (local.get $sum)))
            (i32.add (i32x4.extract_lane 2 (local.get $sum)) (i32x4.extract_lane 3 (local.get $sum)))))
        (local.set $at (i32.add (local.get $at) (local.get $d)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $vector)))))
