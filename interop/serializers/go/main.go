// Serializer driver: encoding/json's json.Marshal, which is what golang-jwt's
// MapClaims signing ends up calling for the payload.
//
//	go run . inputs.json > go.tsv
//
// Numbers: literals without '.', 'e', 'E' become int64, the others float64 (the
// decoder runs with UseNumber). Objects become map[string]any, which json.Marshal
// writes with sorted keys, whatever the document order was.
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

type input struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

func convert(v any) (any, error) {
	switch x := v.(type) {
	case json.Number:
		s := string(x)
		if strings.ContainsAny(s, ".eE") {
			return strconv.ParseFloat(s, 64)
		}
		return strconv.ParseInt(s, 10, 64)
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			c, err := convert(e)
			if err != nil {
				return nil, err
			}
			m[k] = c
		}
		return m, nil
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			c, err := convert(e)
			if err != nil {
				return nil, err
			}
			a[i] = c
		}
		return a, nil
	default:
		return v, nil
	}
}

func parse(text string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return convert(v)
}

func main() {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var doc struct {
		Cases []input `json:"cases"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintf(w, "#version\t%s\n", runtime.Version())
	for _, c := range doc.Cases {
		v, err := parse(c.Text)
		if err == nil {
			var out []byte
			out, err = json.Marshal(v)
			if err == nil {
				fmt.Fprintf(w, "%s\tok\t%s\n", c.Name, hex.EncodeToString(out))
				continue
			}
		}
		fmt.Fprintf(w, "%s\terr\t%s\n", c.Name, hex.EncodeToString([]byte(err.Error())))
	}
}
