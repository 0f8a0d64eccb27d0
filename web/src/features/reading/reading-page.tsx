import { Route, Routes } from 'react-router';
import { Reader } from './reader.tsx';
import { TextLibrary } from './text-library.tsx';
import './reading.css';

/** The reading room: the learner's texts (and those shared with them), and the reader. */
export function ReadingPage() {
  return (
    <Routes>
      <Route index element={<TextLibrary />} />
      <Route path=":id" element={<Reader />} />
    </Routes>
  );
}
