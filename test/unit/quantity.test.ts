import { Quantity, QuantityError, toQuantity } from '../../src/quantity';

describe('Quantity (H16)', () => {
  test.each([
    ['500m', '500m'], ['0.5', '500m'], ['1000m', '1'], ['2', '2'], ['1.5', '1500m'],
    ['128Mi', '128Mi'], ['1024Mi', '1Gi'], ['1536Mi', '1536Mi'], ['0.5Gi', '512Mi'], ['512', '512'],
    ['1e3', '1e3'], ['1500000', '1500k'], ['56M', '56M'], ['1G', '1G'], ['0', '0'], ['100n', '100n'],
    ['.5', '500m'], ['-1', '-1'], ['0.0000000001', '1n'], ['1Ki', '1Ki'], ['1.5Ki', '1536'],
  ])('canonical form of %s is %s', (input, canonical) => {
    expect(Quantity.parse(input).toString()).toBe(canonical);
  });

  test.each(['', ' 1', '1 ', 'abc', '1.2.3', 'Mi', '1mi', '1KiB', '--1', '1e', '0x10'])('rejects %p', (bad) => {
    expect(() => Quantity.parse(bad)).toThrow(QuantityError);
    expect(Quantity.tryParse(bad)).toBeUndefined();
  });

  test('compares across suffix families', () => {
    expect(Quantity.parse('1Gi').compare(Quantity.parse('1G'))).toBe(1);
    expect(Quantity.parse('1000M').compare(Quantity.parse('1G'))).toBe(0);
    expect(Quantity.parse('2').compare(Quantity.parse('500m'))).toBe(1);
    expect(Quantity.parse('0.3').equals(Quantity.parse('300m'))).toBe(true);
  });

  test('adds exactly and keeps the first format', () => {
    expect(Quantity.parse('300m').add(Quantity.parse('0.2')).toString()).toBe('500m');
    expect(Quantity.parse('64Mi').add(Quantity.parse('64Mi')).toString()).toBe('128Mi');
    expect(Quantity.parse('0.1').add(Quantity.parse('0.2')).toString()).toBe('300m');
    expect(Quantity.parse('100Mi').times(3).toString()).toBe('300Mi');
  });

  test('helpers build canonical quantities and name the unit in errors', () => {
    expect(Quantity.millicores(300).toString()).toBe('300m');
    expect(Quantity.cores(0.5).toString()).toBe('500m');
    expect(Quantity.mebibytes(56).toString()).toBe('56Mi');
    expect(Quantity.megabytes(128).toString()).toBe('128M');
    expect(() => Quantity.mebibytes(1.5)).toThrow(/mebibytes must be a whole number/);
    expect(() => toQuantity('lots', 'resources.limits.cpu')).toThrow(/resources.limits.cpu/);
  });

  test('values round up like the API server', () => {
    expect(Quantity.parse('1.0001m').milliValue()).toBe(2n);
    expect(Quantity.parse('1500m').value()).toBe(2n);
    expect(Quantity.parse('2Gi').value()).toBe(2147483648n);
  });
});
