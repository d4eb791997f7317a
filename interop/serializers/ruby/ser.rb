# Serializer driver: ruby-jwt 2.5.0 (Debian's ruby-jwt) on Debian's ruby.
# JWT::Encode#encode calls JWT::JSON.generate(data), which is ::JSON.generate(data)
# with no options (lib/jwt/encode.rb, lib/jwt/json.rb); this calls JWT::JSON.generate
# itself. JSON.parse gives Hash in document order, Integer for integer literals, Float
# for literals with '.', 'e' or 'E'.
#   ruby ser.rb inputs.json > ruby.tsv
require 'json'
require 'jwt'

def hx(s)
  s.dup.force_encoding(Encoding::BINARY).unpack1('H*')
end

doc = JSON.parse(File.read(ARGV[0], encoding: 'UTF-8'))
lines = ["#version\truby #{RUBY_VERSION}p#{RUBY_PATCHLEVEL}, json #{JSON::VERSION}, ruby-jwt #{JWT::VERSION::STRING}"]
doc['cases'].each do |c|
  begin
    value = JSON.parse(c['text'])
    out = JWT::JSON.generate(value)
    lines << "#{c['name']}\tok\t#{hx(out)}"
  rescue StandardError => e
    lines << "#{c['name']}\terr\t#{hx("#{e.class}: #{e.message}")}"
  end
end
$stdout.write(lines.join("\n") + "\n")
